import { Marked, type Tokens } from "marked";
import DOMPurify from "dompurify";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface MentionToken {
  type: "mention";
  raw: string;
  handle: string;
  /** Set for the message being rendered: the person's name, and whether the mention is for the reader. */
  name?: string;
  forReader?: boolean;
}

// marked does not sanitise: every rendered message also goes through DOMPurify before the DOM.
const markdown = new Marked({ gfm: true, breaks: true, async: false });
markdown.use({
  renderer: {
    // HTML typed into a message is shown as typed, never interpreted.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
  },
  extensions: [
    {
      name: "mention",
      level: "inline",
      // Only an @ at the start or after white space begins a mention (not the one in an e-mail address).
      start(source: string) {
        const match = /(^|\s)@[\w.-]/.exec(source);
        return match ? match.index + match[1]!.length : undefined;
      },
      tokenizer(source: string): MentionToken | undefined {
        const match = /^@([\w-]+(?:[.:][\w-]+)*)/.exec(source);
        return match ? { type: "mention", raw: match[0], handle: match[1]! } : undefined;
      },
      renderer(token) {
        const { handle, name, forReader } = token as unknown as MentionToken;
        const title = name === undefined ? "" : ` title="@${escapeHtml(handle)}"`;
        return `<span class="${forReader ? "mention mention-me" : "mention"}"${title}>@${escapeHtml(name ?? handle)}</span>`;
      },
    },
  ],
});

const ALLOWED_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "a", "ul", "ol", "li", "blockquote", "span"];
const ALLOWED_ATTR = ["href", "title", "class", "target", "rel"];

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A") {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
    // Only our own mention markup may carry a class.
    const className = node.getAttribute("class");
    if (className !== null && className !== "mention" && className !== "mention mention-me")
      node.removeAttribute("class");
  });
}

/**
 * Message text as safe HTML: markdown (bold, italics, code, code blocks, links, lists, quotes) with
 * @mentions highlighted (by name where `people` knows the handle, more strongly when they are of `me`
 * or of everyone). Anything that could run or load (event handlers, javascript: links,
 * images, frames, styles) never reaches the page.
 */
export function renderMarkdown(
  content: string,
  people: { nameOf: (handle: string) => string | undefined; me?: string } = { nameOf: () => undefined },
): string {
  hookLinks();
  // The mentions learn who they name between lexing and rendering, on this message's own tokens.
  const tokens = markdown.lexer(content);
  // Synchronous: the callback returns nothing to wait for.
  void markdown.walkTokens(tokens, (token) => {
    if (token.type !== "mention") return;
    const mention = token as unknown as MentionToken;
    mention.name = people.nameOf(mention.handle);
    mention.forReader =
      people.me !== undefined && (mention.handle === people.me || ["room", "here"].includes(mention.handle));
  });
  const html = markdown.parser(tokens);
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i });
}
