// The moment dist/extension.js starts evaluating, for the activation timings on the extension's API. extension.ts
// imports this module first, so in the bundle this line runs before any other module's top-level code.
export const loadStartMs = performance.now();
