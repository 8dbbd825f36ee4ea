// A tiny, strict argument parser: `--flag value`, `--flag=value`, boolean flags, positionals.
// Unknown flags and missing values are usage errors (exit 2), as the CLI contract requires.

export class UsageError extends Error {}

export interface OptionSpec {
  /** true: takes no value. */
  boolean?: boolean;
  /** true: may be given more than once; the values are kept in order (read them with `list`). */
  repeatable?: boolean;
}

export interface Parsed {
  positionals: string[];
  options: Record<string, string | true | string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): Parsed {
  const positionals: string[] = [];
  const options: Parsed["options"] = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const s = spec[name];
      if (!s) throw new UsageError(`unknown option --${name}`);
      if (s.boolean) {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        options[name] = true;
      } else {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        if (s.repeatable) options[name] = [...list({ positionals, options }, name), v];
        else options[name] = v;
      }
    } else if (a.startsWith('-') && a.length > 1 && a !== '-') {
      if (a === '-h') options.help = true;
      else throw new UsageError(`unknown option ${a}`);
    } else positionals.push(a);
  }
  return { positionals, options };
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.options[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: Parsed, name: string): boolean {
  return p.options[name] === true;
}

/** Every value of a repeatable option, in the order given. */
export function list(p: Parsed, name: string): string[] {
  const v = p.options[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
