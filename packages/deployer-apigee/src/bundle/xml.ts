/** One XML element; attributes and children render in the order given, so the same model gives the same bytes. */
export interface XmlElement {
  tag: string;
  attrs: ReadonlyArray<readonly [string, string]>;
  children: ReadonlyArray<XmlElement | string>;
}

type Child = XmlElement | string | false | undefined;

export function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): XmlElement {
  return {
    tag,
    attrs: Object.entries(attrs),
    children: children.filter(
      (child): child is XmlElement | string => child !== false && child !== undefined,
    ),
  };
}

/** An element holding only text. */
export function text(
  tag: string,
  value: string | number | boolean,
  attrs: Record<string, string> = {},
): XmlElement {
  return el(tag, attrs, String(value));
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function renderElement(node: XmlElement, indent: string): string {
  const attrs = node.attrs.map(([name, value]) => ` ${name}="${escapeAttr(value)}"`).join('');
  if (node.children.length === 0) return `${indent}<${node.tag}${attrs}/>`;
  const only = node.children[0];
  if (node.children.length === 1 && typeof only === 'string') {
    return `${indent}<${node.tag}${attrs}>${escapeText(only)}</${node.tag}>`;
  }
  const inner = node.children
    .map((child) =>
      typeof child === 'string' ? `${indent}  ${escapeText(child)}` : renderElement(child, `${indent}  `),
    )
    .join('\n');
  return `${indent}<${node.tag}${attrs}>\n${inner}\n${indent}</${node.tag}>`;
}

export function renderXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${renderElement(root, '')}\n`;
}
