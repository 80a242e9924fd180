// Safe DOM building, the message view model and the widget's message bubble. Text from the other side only ever
// reaches the page through `textContent` (via `el(..., {text})`); there is no code path that parses markup. `el`
// takes the document as an argument so Node tests can run it against a recording fake document.

import { languageName } from './i18n.js';

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
    text: translated ? tr.text : message.text,
    textLanguage: translated ? tr.language : message.language,
    translated: Boolean(translated),
    quality: translated ? tr.quality : tr?.quality === 'untranslated' ? 'untranslated' : null,
    original: translated ? message.text : null,
    originalLanguage: message.language,
  };
}

/** A BCP-47 tag safe to put in a `lang` attribute, or null. */
export function langAttr(code) {
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(code ?? '') && code !== 'und' ? code : null;
}

// One message bubble of the widget. A translated reply shows the "machine-translated" label with its quality and
// a toggle that reveals the original.
/** Builds the <li> for `message`; it re-renders itself on a 'relabel' event (language change). `view` is the widget. */
export function bubble(d, message, view) {
  const li = el(d, 'li');
  const render = () => {
    const t = view.t, m = messageModel(message, view.lang, 'visitor');
    li.className = message.role === 'system' ? 'sys' : m.own ? 'own' : 'them';
    li.replaceChildren();
    const who = m.own ? t('you') : message.author || t('operator');
    const meta = el(d, 'div', { class: 'meta' }, [el(d, 'span', { text: who }), el(d, 'time', { text: view.time(message.sentAt) }),
      m.own && el(d, 'span', { class: 'state', text: t(message.seq <= (view.readSeq || 0) ? 'read' : 'sent') })]);
    li.append(meta, el(d, 'div', { class: 'bubble', attrs: { dir: 'auto', lang: langAttr(m.textLanguage) }, text: m.text }));
    if (m.translated) {
      const seq = message.seq, id = `orig-${seq}`, open = view.expanded.has(seq);
      const toggle = el(d, 'button', { class: 'toggle', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': id }, text: t(open ? 'hideOriginal' : 'showOriginal') });
      toggle.addEventListener('click', () => {
        open ? view.expanded.delete(seq) : view.expanded.add(seq);
        render();
        li.querySelector('.toggle').focus();
      });
      li.append(el(d, 'div', { class: 'meta' }, [el(d, 'span', { class: 'mt', text: `${t('machineTranslated')} · ${t('quality.' + m.quality)}` }), toggle]));
      li.append(el(d, 'p', { class: 'orig', attrs: { id, hidden: !open, dir: 'auto', lang: langAttr(m.originalLanguage) } }, [
        el(d, 'span', { class: 'sr', text: t('originalIn', { language: languageName(m.originalLanguage, view.lang) }) + ' ' }),
        el(d, 'span', { class: 'text', text: m.original }),
      ]));
    }
  };
  li.addEventListener('relabel', render);
  render();
  return li;
}
