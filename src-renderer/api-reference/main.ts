// The control API's reference: the OpenAPI document the studio generates from its zod schemas
// (/api/openapi.json), rendered by the bundled Swagger UI. Served by the studio server like the rest of the
// UI, so it works offline; requests from "Try it out" carry the studio's session cookie.
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';
import './api-reference.css';

SwaggerUI({
  url: '/api/openapi.json',
  dom_id: '#api',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  filter: true,
  tryItOutEnabled: false,
  // No validator badge: it would send the document to swagger.io.
  validatorUrl: null,
});
