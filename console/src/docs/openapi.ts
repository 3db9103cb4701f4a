// The gateway's /docs: Swagger UI over the merged OpenAPI, from the console's own build (no CDN), so
// the page works on a network without internet access. A separate entry point: never part of the
// console's initial JavaScript.
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-bundle.js";
import "swagger-ui-dist/swagger-ui.css";
import "./docs.css";

const root = document.getElementById("api-docs")!;
SwaggerUIBundle({
  url: root.dataset.specUrl ?? "/openapi.json",
  domNode: root,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  // The public validator badge would call validator.swagger.io: off, nothing leaves the platform.
  validatorUrl: null,
  tryItOutEnabled: false,
});
