/** A bad lab setting or data row; `field` names it, as EngineError does for the engine. */
export class LabError extends Error {
  readonly field: string;

  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = "LabError";
    this.field = field;
  }
}
