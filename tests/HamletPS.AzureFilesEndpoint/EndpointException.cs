using System;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>A service error answered as Azure does: status code, x-ms-error-code and an XML body (none on HEAD).</summary>
public sealed class EndpointException : Exception
{
    public EndpointException(int status, string errorCode, string message) : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }
    public string ErrorCode { get; }
}
