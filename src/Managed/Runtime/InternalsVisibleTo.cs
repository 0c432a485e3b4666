using System.Runtime.CompilerServices;

// The runtime's tests check the hand-written protobuf bytes and the signature reader directly.
[assembly: InternalsVisibleTo("Axle.Tests")]
