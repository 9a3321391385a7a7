package org.nipcgateway.core.nipc.problem;

/**
 * A NIPC request failed in the gateway. Carries its problem type (or {@code null} for a generic
 * failure with the given status) and a detail for the client. Built with the factories below, one
 * per problem type in use; the failure handler turns it into {@code application/problem+json} once,
 * at the edge.
 */
public class NipcException extends RuntimeException {
  private final NipcProblem problem;
  private final int genericStatus;

  private NipcException(NipcProblem problem, int genericStatus, String detail) {
    super(detail, null, false, false);
    this.problem = problem;
    this.genericStatus = genericStatus;
  }

  /** A failure of one of the draft's problem types. */
  public static NipcException of(NipcProblem problem, String detail) {
    return new NipcException(problem, 0, detail);
  }

  /** A failure that no NIPC problem type describes (malformed body, media type …). */
  public static NipcException generic(int status, String detail) {
    return new NipcException(null, status, detail);
  }

  public static NipcException invalidId(String id) {
    return of(NipcProblem.INVALID_ID, "Device ID " + id + " does not exist or is not a device");
  }

  public static NipcException invalidSdfUrl(String sdfName) {
    return of(
        NipcProblem.INVALID_SDF_URL,
        "No registered SDF affordance or model is named '" + sdfName + "'");
  }

  public static NipcException modelAlreadyRegistered(String sdfName) {
    return of(
        NipcProblem.SDF_MODEL_ALREADY_REGISTERED,
        "An SDF model named '" + sdfName + "' is already registered");
  }

  public static NipcException modelInUse(String sdfName, String deviceId) {
    return of(
        NipcProblem.SDF_MODEL_IN_USE, "SDF model '" + sdfName + "' is used by device " + deviceId);
  }

  /** In use by devices the caller may not be told about: {@code usedBy} counts them. */
  public static NipcException modelInUseByOthers(String sdfName, String usedBy) {
    return of(NipcProblem.SDF_MODEL_IN_USE, "SDF model '" + sdfName + "' is used by " + usedBy);
  }

  /** The draft's problem type, when it has one (else it is a generic one with a status). */
  public java.util.Optional<NipcProblem> problem() {
    return java.util.Optional.ofNullable(problem);
  }

  /** The status of a generic problem; 0 for one of the draft's types. */
  public int genericStatus() {
    return genericStatus;
  }

  public static NipcException badRequest(String detail) {
    return generic(400, detail);
  }

  /** The problem type, resolved against the catalog. */
  public ProblemType type(ProblemTypes types) {
    return problem == null
        ? ProblemType.generic(genericStatus, title(genericStatus))
        : types.of(problem);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 507 -> "Insufficient Storage";
      default -> "Error";
    };
  }
}
