// One message bubble of the widget. Everything from the other side is set with textContent (`el(..., {text})`).
// A translated reply shows the "machine-translated" label with its quality and a toggle that reveals the original.

import { languageName } from './i18n.js';
import { el, langAttr, messageModel } from './view.js';

/** Builds the <li> for `message`; it re-renders itself on a 'relabel' event (language change). `view` is the widget. */
export function bubble(d, message, view) {
  const li = el(d, 'li');
  const render = () => {
    const t = view.t, m = messageModel(message, view.lang, 'visitor');
    li.className = m.role === 'system' ? 'sys' : m.own ? 'own' : 'them';
    li.replaceChildren();
    const who = m.own ? t('you') : message.author || t('operator');
    const meta = el(d, 'div', { class: 'meta' }, [el(d, 'span', { text: who }), el(d, 'time', { text: view.time(m.sentAt) }),
      m.own && el(d, 'span', { class: 'state', text: t(m.seq <= (view.readSeq || 0) ? 'read' : 'sent') })]);
    li.append(meta, el(d, 'div', { class: 'bubble', attrs: { dir: 'auto', lang: langAttr(m.textLanguage) }, text: m.text }));
    if (m.translated) {
      const id = `orig-${m.seq}`;
      const open = view.expanded.has(m.seq);
      const toggle = el(d, 'button', { class: 'toggle', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': id }, text: t(open ? 'hideOriginal' : 'showOriginal') });
      toggle.addEventListener('click', () => {
        open ? view.expanded.delete(m.seq) : view.expanded.add(m.seq);
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
