import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

function render(content: string): HTMLElement {
  const host = document.createElement("div");
  host.innerHTML = renderMarkdown(content);
  return host;
}

describe("renderMarkdown", () => {
  it("renders bold, italics, inline code and code blocks", () => {
    const html = renderMarkdown("**bold** _it_ `x < y`\n\n```\nconst a = 1;\n```");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<code>x &lt; y</code>");
    expect(html).toContain("<pre><code>const a = 1;");
  });

  it("renders lists and quotes", () => {
    const host = render("- one\n- two\n\n> quoted");
    expect(host.querySelectorAll("ul li")).toHaveLength(2);
    expect(host.querySelector("blockquote")?.textContent).toContain("quoted");
  });

  it("opens links in a new tab without giving the opener away", () => {
    const link = render("[docs](https://example.com/docs)").querySelector("a")!;
    expect(link.getAttribute("href")).toBe("https://example.com/docs");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("shows typed HTML as text and runs nothing", () => {
    const host = render('<img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(host.querySelector("img")).toBeNull();
    expect(host.querySelector("script")).toBeNull();
    expect(host.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it("drops javascript: and data: links", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>"]) {
      const link = render(`[click](${href})`).querySelector("a");
      expect(link?.getAttribute("href") ?? null).toBeNull();
    }
  });

  it("defuses markdown images and nested tricks", () => {
    const host = render("![x](https://evil.example/x.png) [**[a](javascript:alert(1))**](https://ok.example)");
    expect(host.querySelector("img")).toBeNull();
    for (const link of host.querySelectorAll("a")) expect(link.getAttribute("href") ?? "").not.toMatch(/javascript/i);
  });

  it("highlights mentions but not e-mail addresses", () => {
    const host = render("hi @alice, mail bob@example.com");
    const mentions = [...host.querySelectorAll(".mention")].map((m) => m.textContent);
    expect(mentions).toEqual(["@alice"]);
  });
});
