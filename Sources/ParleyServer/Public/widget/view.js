// Safe DOM building and the message view model. Text from the other side only ever reaches the page through
// `textContent` (via `el(..., {text})`); there is no code path that parses markup. `el` takes the document as an
// argument so Node tests can run it against a recording fake document.

const SAFE_ATTRIBUTE = /^(?:aria-[a-z-]+|role|id|for|type|name|value|title|lang|dir|hidden|tabindex|placeholder|rows|maxlength|autocomplete|enterkeyhint|datetime|data-[a-z-]+|part|download)$/;

/**
 * Creates an element. `props.text` becomes textContent; `props.class` the class name; `props.attrs` attributes
 * from an allow-list (no event handlers, no src/href/style). `children` are nodes or strings (as text nodes).
 */
export function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (!SAFE_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (props.text !== undefined) node.textContent = String(props.text);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}

/** A safe href for a link we build ourselves: only http(s) URLs, anything else becomes null. */
export function safeHref(value, base) {
  try {
    const url = new URL(String(value), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * What a message bubble shows to a reader whose language is `lang`: the main text (the translation into the
 * reader's language when there is one, otherwise the original), whether it was machine-translated, and the
 * original to reveal. Everything returned is plain text.
 */
export function messageModel(message, lang, ownRole) {
  const own = message.role === ownRole;
  const tr = message.translation;
  const translated = !own && tr && tr.text && tr.language === lang && tr.quality !== 'untranslated';
  return {
    own,
    role: message.role,
    seq: message.seq,
    text: translated ? tr.text : message.text,
    textLanguage: translated ? tr.language : message.language,
    translated: Boolean(translated),
    quality: translated ? tr.quality : tr?.quality === 'untranslated' ? 'untranslated' : null,
    engine: translated ? tr.engine : null,
    original: translated ? message.text : null,
    originalLanguage: message.language,
    confidence: message.confidence,
    sentAt: message.sentAt,
  };
}

/** A BCP-47 tag safe to put in a `lang` attribute, or null. */
export function langAttr(code) {
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(code ?? '') && code !== 'und' ? code : null;
}
