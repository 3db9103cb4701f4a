// The viewers' browser bundles ship no type declarations; what the docs pages call of them.
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  interface SwaggerUIBundle {
    (options: Record<string, unknown>): unknown;
    presets: { apis: unknown };
  }
  const bundle: SwaggerUIBundle;
  export default bundle;
}

declare module "@asyncapi/react-component/browser/standalone/index.js" {
  const standalone: {
    render(props: { schema: { url: string } | string | object; config?: Record<string, unknown> }, element: HTMLElement): void;
  };
  export default standalone;
}
