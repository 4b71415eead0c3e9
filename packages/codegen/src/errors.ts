/** A build that failed because of the plug-in's code or options: its message says what to change. */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}
