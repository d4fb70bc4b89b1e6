import { describe, expect, it } from "vitest";
import { colorsFor, pct, secs, span, style, table } from "../../src/cli/format.ts";

describe("colors", () => {
  const tty = { isTTY: true };
  it("color a terminal only, and never with NO_COLOR or TERM=dumb", () => {
    expect(colorsFor(tty, {})).toBe(true);
    expect(colorsFor({ isTTY: false }, {})).toBe(false);
    expect(colorsFor({}, {})).toBe(false);
    expect(colorsFor(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorsFor(tty, { NO_COLOR: "" })).toBe(true); // no-color.org: set and non-empty
    expect(colorsFor(tty, { TERM: "dumb" })).toBe(false);
  });
  it("FORCE_COLOR forces them, FORCE_COLOR=0 does not", () => {
    expect(colorsFor({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorsFor({ isTTY: false }, { FORCE_COLOR: "0" })).toBe(false);
  });
  it("style adds escape codes only when colors are on", () => {
    expect(style("bold", "x", tty, {})).toBe("\u001b[1mx\u001b[22m");
    expect(style("bold", "x", tty, { NO_COLOR: "1" })).toBe("x");
    expect(style("red", "x", { isTTY: false }, {})).toBe("x");
  });
});

describe("rounding for people", () => {
  it("formats rates, seconds, spans and tables", () => {
    expect(pct(0.88835)).toBe("88.8 %");
    expect(secs(7.836)).toBe("7.8 s");
    expect(secs(Number.POSITIVE_INFINITY)).toBe("unstable");
    expect(span(1800)).toBe("30 min");
    expect(span(3600)).toBe("1 h");
    expect(
      table(
        [
          ["n", "sl"],
          ["9", "1.0 %"],
        ],
        [false, true],
      ),
    ).toBe("n     sl\n9  1.0 %");
  });
});
