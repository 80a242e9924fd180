// The widget's own texts: ONE catalogue for de, en, et, tr, plus language negotiation and Intl formatting.
// Pure module (no DOM), tested by Tests/web/i18n.test.mjs. Placeholders are {name}; a value that is an object
// holds plural forms selected with Intl.PluralRules by the `count` parameter.

export const LANGUAGES = ['de', 'en', 'et', 'tr'];
export const FALLBACK = 'en';

export const CATALOGUE = {
  en: {
    autonym: 'English',
    title: 'Chat with us',
    subtitle: 'We answer in your language',
    open: 'Open chat',
    close: 'Close chat',
    placeholder: 'Write a message…',
    inputLabel: 'Your message',
    send: 'Send',
    language: 'Your language',
    you: 'You',
    operator: 'Support',
    machineTranslated: 'Machine-translated',
    quality: { exact: 'exact', phrasebook: 'phrasebook', machine: 'machine', gloss: 'word by word', untranslated: 'not translated' },
    showOriginal: 'Show original',
    hideOriginal: 'Hide original',
    originalIn: 'Original ({language})',
    typing: '{name} is typing…',
    sending: 'Sending…',
    sent: 'Sent',
    read: 'Read',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost, reconnecting in {seconds} s…',
    reconnected: 'Connected again.',
    ended: 'This conversation has ended.',
    noOperator: 'No operator is online right now — leave a message and we will answer as soon as we are back.',
    hours: 'Open {days}, {from}–{to}',
    greetingCart: 'Questions about your order? Ask us — in your language.',
    greetingProduct: 'Questions about this product? We are happy to help.',
    dismiss: 'Dismiss',
    error: 'Not sent: {reason}',
    newMessages: { one: '{count} new message', other: '{count} new messages' },
    messageFrom: '{name}, {time}:',
  },
  de: {
    autonym: 'Deutsch',
    title: 'Schreiben Sie uns',
    subtitle: 'Wir antworten in Ihrer Sprache',
    open: 'Chat öffnen',
    close: 'Chat schließen',
    placeholder: 'Nachricht schreiben…',
    inputLabel: 'Ihre Nachricht',
    send: 'Senden',
    language: 'Ihre Sprache',
    you: 'Sie',
    operator: 'Kundenservice',
    machineTranslated: 'Maschinell übersetzt',
    quality: { exact: 'exakt', phrasebook: 'Sprachführer', machine: 'maschinell', gloss: 'Wort für Wort', untranslated: 'nicht übersetzt' },
    showOriginal: 'Original anzeigen',
    hideOriginal: 'Original ausblenden',
    originalIn: 'Original ({language})',
    typing: '{name} schreibt…',
    sending: 'Wird gesendet…',
    sent: 'Gesendet',
    read: 'Gelesen',
    connecting: 'Verbinde…',
    reconnecting: 'Verbindung unterbrochen, neuer Versuch in {seconds} s…',
    reconnected: 'Wieder verbunden.',
    ended: 'Dieses Gespräch wurde beendet.',
    noOperator: 'Gerade ist niemand online — hinterlassen Sie eine Nachricht, wir antworten, sobald wir zurück sind.',
    hours: 'Geöffnet {days}, {from}–{to}',
    greetingCart: 'Fragen zu Ihrer Bestellung? Schreiben Sie uns — in Ihrer Sprache.',
    greetingProduct: 'Fragen zu diesem Produkt? Wir helfen gern.',
    dismiss: 'Schließen',
    error: 'Nicht gesendet: {reason}',
    newMessages: { one: '{count} neue Nachricht', other: '{count} neue Nachrichten' },
    messageFrom: '{name}, {time}:',
  },
  et: {
    autonym: 'Eesti',
    title: 'Kirjuta meile',
    subtitle: 'Vastame sinu keeles',
    open: 'Ava vestlus',
    close: 'Sulge vestlus',
    placeholder: 'Kirjuta sõnum…',
    inputLabel: 'Sinu sõnum',
    send: 'Saada',
    language: 'Sinu keel',
    you: 'Sina',
    operator: 'Klienditugi',
    machineTranslated: 'Masintõlge',
    quality: { exact: 'täpne', phrasebook: 'vestmik', machine: 'masin', gloss: 'sõna-sõnalt', untranslated: 'tõlkimata' },
    showOriginal: 'Näita originaali',
    hideOriginal: 'Peida originaal',
    originalIn: 'Originaal ({language})',
    typing: '{name} kirjutab…',
    sending: 'Saadan…',
    sent: 'Saadetud',
    read: 'Loetud',
    connecting: 'Ühendan…',
    reconnecting: 'Ühendus katkes, proovin uuesti {seconds} s pärast…',
    reconnected: 'Ühendus taastatud.',
    ended: 'See vestlus on lõppenud.',
    noOperator: 'Praegu pole keegi võrgus — jäta sõnum ja vastame niipea, kui tagasi oleme.',
    hours: 'Avatud {days}, {from}–{to}',
    greetingCart: 'Küsimusi tellimuse kohta? Kirjuta meile oma keeles.',
    greetingProduct: 'Küsimusi selle toote kohta? Aitame hea meelega.',
    dismiss: 'Sulge',
    error: 'Saatmata: {reason}',
    newMessages: { one: '{count} uus sõnum', other: '{count} uut sõnumit' },
    messageFrom: '{name}, {time}:',
  },
  tr: {
    autonym: 'Türkçe',
    title: 'Bize yazın',
    subtitle: 'Sizin dilinizde yanıtlıyoruz',
    open: 'Sohbeti aç',
    close: 'Sohbeti kapat',
    placeholder: 'Mesaj yazın…',
    inputLabel: 'Mesajınız',
    send: 'Gönder',
    language: 'Diliniz',
    you: 'Siz',
    operator: 'Müşteri hizmetleri',
    machineTranslated: 'Makine çevirisi',
    quality: { exact: 'tam', phrasebook: 'konuşma kılavuzu', machine: 'makine', gloss: 'kelime kelime', untranslated: 'çevrilmedi' },
    showOriginal: 'Orijinali göster',
    hideOriginal: 'Orijinali gizle',
    originalIn: 'Orijinal ({language})',
    typing: '{name} yazıyor…',
    sending: 'Gönderiliyor…',
    sent: 'Gönderildi',
    read: 'Okundu',
    connecting: 'Bağlanıyor…',
    reconnecting: 'Bağlantı koptu, {seconds} sn içinde yeniden bağlanılıyor…',
    reconnected: 'Yeniden bağlandı.',
    ended: 'Bu sohbet sona erdi.',
    noOperator: 'Şu anda çevrimiçi temsilci yok — mesaj bırakın, döner dönmez yanıtlayacağız.',
    hours: 'Açık: {days}, {from}–{to}',
    greetingCart: 'Siparişinizle ilgili sorunuz mu var? Bize kendi dilinizde yazın.',
    greetingProduct: 'Bu ürünle ilgili sorunuz mu var? Memnuniyetle yardımcı oluruz.',
    dismiss: 'Kapat',
    error: 'Gönderilemedi: {reason}',
    newMessages: { one: '{count} yeni mesaj', other: '{count} yeni mesaj' },
    messageFrom: '{name}, {time}:',
  },
};

/** The supported language that best matches a list of BCP-47 tags (e.g. navigator.languages), or FALLBACK. */
export function negotiate(preferred, supported = LANGUAGES, fallback = FALLBACK) {
  for (const tag of preferred || []) {
    if (typeof tag !== 'string') continue;
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (supported.includes(primary)) return primary;
  }
  return fallback;
}

/** Formats a template: `{name}` placeholders; numbers are formatted with Intl in `lang`. Unknown names stay. */
export function format(lang, template, params = {}) {
  if (template && typeof template === 'object') {
    const form = new Intl.PluralRules(lang).select(Number(params.count ?? 0));
    template = template[form] ?? template.other;
  }
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}

/** A translator function for one language: t('reconnecting', {seconds: 4}). Falls back to English per key. */
export function translator(lang, catalogue = CATALOGUE) {
  const texts = catalogue[lang] || catalogue[FALLBACK];
  return (key, params) => {
    const path = key.split('.');
    let value = texts;
    let fallback = catalogue[FALLBACK];
    for (const part of path) {
      value = value?.[part];
      fallback = fallback?.[part];
    }
    return format(lang, value ?? fallback ?? key, params);
  };
}

/** Clock time (e.g. "14:05" or "2:05 PM") in the visitor's language. */
export function formatTime(lang, date, timeZone) {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(date);
}

/** A language's name in `inLang` ("Türkisch" for tr in de); falls back to the code. */
export function languageName(code, inLang) {
  try {
    return new Intl.DisplayNames([inLang], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

/** Localized weekday range ("Mo.–Fr.") for ISO weekdays 1 (Monday) … 7 (Sunday). */
export function formatDays(lang, firstDay, lastDay) {
  const names = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const day = (iso) => names.format(new Date(Date.UTC(2024, 0, iso)));
  return firstDay === lastDay ? day(firstDay) : `${day(firstDay)}–${day(lastDay)}`;
}
