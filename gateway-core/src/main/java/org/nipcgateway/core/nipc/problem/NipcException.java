package org.nipcgateway.core.nipc.problem;

/**
 * A NIPC request failed in the gateway. Carries the name of its problem type (one of {@link
 * ProblemTypes}, or {@code null} for a generic failure with the given status) and a detail for the
 * client. Built with the factories below, one per problem type in use; the failure handler turns it
 * into {@code application/problem+json} once, at the edge.
 */
public class NipcException extends RuntimeException {
  private final String typeName;
  private final int genericStatus;

  private NipcException(String typeName, int genericStatus, String detail) {
    super(detail, null, false, false);
    this.typeName = typeName;
    this.genericStatus = genericStatus;
  }

  /** A failure of one of the draft's problem types. */
  public static NipcException of(String typeName, String detail) {
    return new NipcException(typeName, 0, detail);
  }

  /** A failure that no NIPC problem type describes (malformed body, media type …). */
  public static NipcException generic(int status, String detail) {
    return new NipcException(null, status, detail);
  }

  public static NipcException invalidId(String id) {
    return of("invalid-id", "Device ID " + id + " does not exist or is not a device");
  }

  public static NipcException invalidSdfUrl(String sdfName) {
    return of(
        "invalid-sdf-url", "No registered SDF affordance or model is named '" + sdfName + "'");
  }

  public static NipcException modelAlreadyRegistered(String sdfName) {
    return of(
        "sdf-model-already-registered",
        "An SDF model named '" + sdfName + "' is already registered");
  }

  public static NipcException modelInUse(String sdfName, String deviceId) {
    return of("sdf-model-in-use", "SDF model '" + sdfName + "' is used by device " + deviceId);
  }

  public static NipcException badRequest(String detail) {
    return generic(400, detail);
  }

  /** The problem type, resolved against the catalog. */
  public ProblemType type(ProblemTypes types) {
    return typeName == null
        ? ProblemType.generic(genericStatus, title(genericStatus))
        : types.named(typeName);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
