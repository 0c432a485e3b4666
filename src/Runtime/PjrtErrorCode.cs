namespace Axle.Runtime;

/// <summary>
/// Status codes a PJRT plugin attaches to its errors. The values mirror
/// <c>PJRT_Error_Code</c> (which follows the absl status codes), so a code
/// received from any plugin converts by value.
/// </summary>
public enum PjrtErrorCode
{
    /// <summary>No code was reported (the plugin did not answer <c>PJRT_Error_GetCode</c>).</summary>
    Unspecified = 0,

    /// <summary>The operation was cancelled.</summary>
    Cancelled = 1,

    /// <summary>An unknown error.</summary>
    Unknown = 2,

    /// <summary>The caller passed an invalid argument (bad program text, bad option, bad buffer).</summary>
    InvalidArgument = 3,

    /// <summary>A deadline expired before the operation completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>An entity the caller tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller lacks permission.</summary>
    PermissionDenied = 7,

    /// <summary>A resource (memory, quota) is exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted.</summary>
    Aborted = 10,

    /// <summary>The operation went past a valid range.</summary>
    OutOfRange = 11,

    /// <summary>The plugin does not implement the operation.</summary>
    Unimplemented = 12,

    /// <summary>An internal error in the plugin.</summary>
    Internal = 13,

    /// <summary>The service is unavailable.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss.</summary>
    DataLoss = 15,

    /// <summary>The caller is not authenticated.</summary>
    Unauthenticated = 16,
}
