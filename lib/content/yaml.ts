import {
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  YAMLMap,
  type Document,
  type DocumentOptions,
  type Pair,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
} from "yaml";

/**
 * The YAML that notes are read in: YAML 1.2's core schema (the `yaml`
 * package) plus the two things notes written for js-yaml — Obsidian,
 * gray-matter, the seed notes — rely on: an unquoted `2025-10-19` is a
 * timestamp, and `<<` merges a mapping.
 */

/** js-yaml's timestamp forms exactly: a date needs two-digit month and day, a date-time may use one. */
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const DATE_TIME = /^(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?$/;

/**
 * An unquoted timestamp as a JS Date in UTC, the way js-yaml reads it. An
 * impossible date (`2025-13-45`) rolls over here, as it does there; the
 * frontmatter checks the text before trusting the Date.
 */
const timestamp: ScalarTag = {
  tag: "tag:yaml.org,2002:timestamp",
  default: true,
  identify: (value) => value instanceof Date,
  // Joined from the two constant patterns above; no content reaches a RegExp.
  test: new RegExp(`${DATE.source}|${DATE_TIME.source}`),
  resolve(text, onError) {
    const d = DATE.exec(text);
    if (d) return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
    const m = DATE_TIME.exec(text);
    // Only an explicit `!!timestamp` tag reaches here without matching `test`.
    if (!m) {
      onError(`"${text}" is not a timestamp`);
      return text;
    }
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
    const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
    const offset = m[9] ? (Number(m[10]) * 60 + Number(m[11] ?? 0)) * 60_000 * (m[9] === "-" ? -1 : 1) : 0;
    return new Date(utc - offset);
  },
};

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  customTags: [timestamp],
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  logLevel: "error",
};

/** Beyond this many aliased nodes a document is taken for an expansion attack ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** A parsed YAML text and where its nodes are. */
export interface YamlDocument {
  doc: Document.Parsed;
  /** 0-based line of a character offset in the YAML text. */
  lineAt: (offset: number) => number;
  /** 0-based column of a character offset in its line. */
  colAt: (offset: number) => number;
}

/** Why YAML did not load: the 0-based line, and the top-level key when the problem is inside its value. */
export interface YamlFailure {
  ok: false;
  line: number;
  message: string;
  key?: string;
}

/** Parses YAML text into a document that keeps positions. Errors, and warnings (an unknown `!tag`), fail with their line. */
export function parseYamlDocument(yaml: string): ({ ok: true } & YamlDocument) | YamlFailure {
  const counter = new LineCounter();
  const lineAt = (offset: number) => counter.linePos(offset).line - 1;
  const colAt = (offset: number) => counter.linePos(offset).col - 1;
  try {
    // The text ends with the line break before the closing delimiter, so a
    // value left open is reported on that delimiter's line, where the YAML runs out.
    const doc = parseDocument(`${yaml}\n`, { ...OPTIONS, lineCounter: counter });
    const first = doc.errors[0] ?? doc.warnings[0];
    if (first) return { ok: false, line: Math.max(0, lineAt(first.pos[0])), message: first.message };
    return { ok: true, doc, lineAt, colAt };
  } catch (err) {
    return { ok: false, line: 0, message: err instanceof Error ? err.message : "invalid YAML" };
  }
}

/** The name of a top-level key written as a scalar (`<<` for a merge), else null. */
export function keyName(pair: Pair): string | null {
  if (!isScalar(pair.key)) return null;
  const v = pair.key.value;
  return typeof v === "symbol" ? (v.description ?? null) : String(v);
}

/** 0-based line where a pair's key starts, or null for a key that is not a scalar. */
export function keyLineOf({ lineAt }: YamlDocument, pair: Pair): number | null {
  const range = isScalar(pair.key) ? pair.key.range : null;
  return range ? lineAt(range[0]) : null;
}

/**
 * Plain data from a parsed document. With `keys`, only those top-level keys
 * (and `<<` merges) become data: the others are never read, so an alias bomb
 * under an ignored key cannot stop the note. Aliases keep yaml's guard
 * against expansion attacks; a value that trips it is reported at its key.
 */
export function yamlData(parsed: YamlDocument, keys?: readonly string[]): { ok: true; data: unknown } | YamlFailure {
  const { doc } = parsed;
  const toJS = (node: unknown): unknown =>
    node instanceof Object && "toJS" in node && typeof node.toJS === "function" ? node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : null;
  const contents = doc.contents;
  if (!isMap(contents)) {
    try {
      return { ok: true, data: toJS(contents) };
    } catch (err) {
      return { ok: false, line: 0, message: err instanceof Error ? err.message : String(err) };
    }
  }
  const wanted = contents.items.filter((p) => !keys || keyName(p) === "<<" || keys.includes(keyName(p) ?? ""));
  const map = new YAMLMap(doc.schema);
  map.items = wanted;
  try {
    return { ok: true, data: toJS(map) };
  } catch (err) {
    const culprit = wanted.find((p) => {
      try {
        toJS(p.value);
        return false;
      } catch {
        return true;
      }
    });
    const name = culprit ? keyName(culprit) : null;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, line: (culprit && keyLineOf(parsed, culprit)) ?? 0, message, ...(name === null ? {} : { key: name }) };
  }
}

/** Parses YAML (an exercise block) into plain data; a failure carries its 0-based line. */
export function parseYaml(yaml: string): { ok: true; data: unknown } | YamlFailure {
  const parsed = parseYamlDocument(yaml);
  return parsed.ok ? yamlData(parsed) : parsed;
}
