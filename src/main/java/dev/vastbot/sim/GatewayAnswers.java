package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Answers that come from Vast's edge rather than its API: gateway errors, cut-off bodies. */
final class GatewayAnswers {
  private GatewayAnswers() {}

  /** 502/503/504 as an HTML gateway page; 500 as Vast's JSON error. */
  static SimResponse serverError(int status) {
    if (status == 500) {
      var body = JsonNodeFactory.instance.objectNode();
      body.put("success", false);
      body.put("error", "server_error");
      body.put("msg", "Internal server error");
      return SimResponse.json(500, body);
    }
    String title =
        switch (status) {
          case 502 -> "502 Bad Gateway";
          case 503 -> "503 Service Temporarily Unavailable";
          default -> status + " Gateway Time-out";
        };
    return new SimResponse(
        status,
        "text/html",
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n</body>\r\n</html>\r\n");
  }

  /** A 200 whose JSON body was cut off halfway, so it cannot be parsed. */
  static SimResponse truncated(SimResponse response) {
    String body = response.body();
    String cut = body.length() < 2 ? "{" : body.substring(0, Math.max(1, body.length() / 2));
    return new SimResponse(200, SimResponse.JSON, cut);
  }
}
