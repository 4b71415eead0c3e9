// The part of ejs's self-contained build (ejs.min.js) that index.ts uses.
declare module "*/ejs.min.js" {
  const ejs: {
    compile(template: string): (data: Record<string, unknown>) => string;
    render(template: string, data: Record<string, unknown>): string;
  };
  export default ejs;
}
