import type { Element, ElementContent, Root } from "hast";
import { fromHtmlIsomorphic } from "hast-util-from-html-isomorphic";
import { toText } from "hast-util-to-text";
import temml from "temml";
import { SKIP, visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { mathOptions } from "@/lib/content/math-options";

/**
 * Rehype step: the maths remark-math marked (`code.math-inline`,
 * `code.math-display`, a ```` ```math ```` block) becomes Temml's MathML.
 *
 * Written here because no maintained rehype plugin for Temml exists on npm;
 * it follows rehype-katex's contract: a formula that does not parse is
 * reported on the file (with its position) and shown as its TeX source in a
 * `.temml-error` span, so one bad formula never breaks a page.
 */
export function rehypeTemml() {
  return (tree: Root, file: VFile) => {
    visitParents(tree, "element", (element: Element, parents) => {
      const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
      const languageMath = classes.includes("language-math");
      const mathDisplay = classes.includes("math-display");
      if (!languageMath && !mathDisplay && !classes.includes("math-inline")) return;

      let parent = parents[parents.length - 1];
      let scope: Element = element;
      let displayMode = mathDisplay;
      if (element.tagName === "code" && languageMath && parent?.type === "element" && parent.tagName === "pre") {
        scope = parent;
        parent = parents[parents.length - 2];
        displayMode = true;
      }
      if (!parent) return;

      const tex = toText(scope, { whitespace: "pre" });
      let result: ElementContent[];
      try {
        const html = temml.renderToString(tex, { ...mathOptions, displayMode, throwOnError: true });
        result = fromHtmlIsomorphic(html, { fragment: true }).children as ElementContent[];
        // A box around display maths, so a wide formula scrolls inside it instead of widening the page.
        if (displayMode) result = [{ type: "element", tagName: "div", properties: { className: ["math-display"] }, children: result }];
      } catch (error) {
        const cause = error instanceof Error ? error : new Error(String(error));
        file.message("Could not render math with Temml", { ancestors: [...parents, element], cause, place: element.position, ruleId: "parse-error", source: "rehype-temml" });
        result = [{ type: "element", tagName: "span", properties: { className: ["temml-error"], title: cause.message }, children: [{ type: "text", value: tex }] }];
      }
      parent.children.splice(parent.children.indexOf(scope), 1, ...result);
      return SKIP;
    });
  };
}
