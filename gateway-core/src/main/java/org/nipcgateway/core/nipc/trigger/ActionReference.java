package org.nipcgateway.core.nipc.trigger;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * The action a trigger runs, as the request names it: a NIPC URI {@code
 * /devices/{id}/actions?actionName=<percent-encoded global name>} (or {@code /groups/...}),
 * optionally under the base path or as an absolute URL of this gateway.
 */
public record ActionReference(String uri, boolean group, String targetId, String actionName) {
  private static final Pattern PATH =
      Pattern.compile("^(?:.*/)?(devices|groups)/([^/]+)/actions/?$");

  public static ActionReference parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw invalid(uri, "it is not a URI");
    }
    Matcher path = PATH.matcher(parsed.getRawPath() == null ? "" : parsed.getRawPath());
    if (!path.matches()) {
      throw invalid(uri, "its path is not /devices/{id}/actions or /groups/{id}/actions");
    }
    String actionName = null;
    String query = parsed.getRawQuery() == null ? "" : parsed.getRawQuery();
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("actionName=")) {
        actionName =
            URLDecoder.decode(parameter.substring("actionName=".length()), StandardCharsets.UTF_8);
      }
    }
    if (actionName == null || actionName.isBlank()) {
      throw invalid(uri, "it has no actionName query parameter");
    }
    return new ActionReference(uri, path.group(1).equals("groups"), path.group(2), actionName);
  }

  private static NipcException invalid(String uri, String why) {
    return NipcException.badRequest("the trigger's action '" + uri + "' is unusable: " + why);
  }
}
