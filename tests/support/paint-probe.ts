/**
 * Installed in a page (addInitScript): times a grade key press (1–4) to the
 * next review card, or the nothing-due screen, being painted. Samples land in
 * window.__gp.samples, in milliseconds. Used by bench/review.bench.ts and the
 * review e2e spec, so both measure the same thing.
 */
export const PAINT_PROBE = `
window.__gp = { t0: 0, shown: null, samples: [] };
document.addEventListener("keydown", (e) => {
  if (!["1", "2", "3", "4"].includes(e.key) || window.__gp.t0) return;
  window.__gp.t0 = performance.now();
  window.__gp.shown = document.querySelector('[data-testid="review-card"]');
}, true);
new MutationObserver(() => {
  const g = window.__gp;
  if (!g.t0) return;
  const el = document.querySelector('[data-testid="review-card"], [data-testid="nothing-due"]');
  if (!el || el === g.shown) return;
  const t0 = g.t0;
  g.t0 = 0;
  // After the next frame has been painted.
  requestAnimationFrame(() => setTimeout(() => g.samples.push(performance.now() - t0), 0));
}).observe(document, { subtree: true, childList: true });
`;
