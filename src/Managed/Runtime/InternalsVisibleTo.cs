using System.Runtime.CompilerServices;

// The runtime's tests check the hand-written protobuf bytes and the signature reader directly.
[assembly: InternalsVisibleTo("Axle.Tests")]

// The leak soak (bench/Soak) reads the default client and the plugin's native live counts.
[assembly: InternalsVisibleTo("Axle.Soak")]
