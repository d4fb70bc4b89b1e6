import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress.ts";

function sink(): { text: string; write(chunk: string): void } {
  return {
    text: "",
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

describe("progressBar", () => {
  it("draws in place and erases its line", () => {
    const out = sink();
    const bar = progressBar(out, true);
    bar.update(1, 4, "forecast");
    // eslint-disable-next-line no-control-regex -- the erase-line escape is what is checked
    expect(out.text).toMatch(/^\r\u001b\[K\[#{6}\.{18}\] 1\/4 forecast \d+\.\d s$/);
    bar.clear();
    expect(out.text.endsWith("\r\u001b[K")).toBe(true);
  });

  it("writes nothing when disabled (not a terminal, or --json)", () => {
    const out = sink();
    const bar = progressBar(out, false);
    bar.update(2, 2, "origins");
    bar.clear();
    expect(out.text).toBe("");
  });

  it("does not erase a line it never drew", () => {
    const out = sink();
    progressBar(out, true).clear();
    expect(out.text).toBe("");
  });
});
