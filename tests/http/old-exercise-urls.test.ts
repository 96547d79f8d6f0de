import { describe, expect, it } from "vitest";
import { GET } from "@/app/quiz/[...slug]/route";

/** /quiz/<note id> was the exercise page's address; bookmarks of it keep working. */
describe("an old /quiz/ address", () => {
  it.each([
    ["/quiz/en/02-one-neuron-chain", "/exercise/en/02-one-neuron-chain"],
    ["/quiz/en/02-one-neuron-chain?level=3", "/exercise/en/02-one-neuron-chain?level=3"],
    ["/quiz/e2e/a-quiz?card=e2e%2Fa-quiz%3Asigma-prime&seed=42&level=2", "/exercise/e2e/a-quiz?card=e2e%2Fa-quiz%3Asigma-prime&seed=42&level=2"],
    ["/quiz/zh/%E6%A2%AF%E5%BA%A6", "/exercise/zh/%E6%A2%AF%E5%BA%A6"],
  ])("%s is permanently redirected to %s", (from, to) => {
    const res = GET(new Request(`http://127.0.0.1:3000${from}`));
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(to);
  });
});
