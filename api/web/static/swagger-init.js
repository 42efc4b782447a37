// Starts the vendored Swagger UI on /openapi.json (a file, not inline, so a strict CSP allows it).
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  validatorUrl: null, presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
