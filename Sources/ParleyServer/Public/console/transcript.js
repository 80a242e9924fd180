// Transcript downloads: both languages side by side, as plain text and as a standalone HTML file. Pure functions
// over the transcript answer of protocol §1.4; every value that came from a person is escaped for HTML.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHTML(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** One row per message: who, when, the original and the translation into the other side's language. */
export function transcriptRows(transcript, operatorLanguage) {
  const conversation = transcript?.conversation ?? {};
  const visitorLanguage = conversation.visitor?.language ?? '';
  return (Array.isArray(transcript?.messages) ? transcript.messages : []).map((m) => {
    const role = m.sender?.role ?? 'system';
    const target = role === 'visitor' ? operatorLanguage : visitorLanguage;
    const translation = (m.translations ?? []).find((t) => t && t.language === target && t.language !== m.language) ?? null;
    return {
      seq: m.seq,
      time: m.createdAt ?? '',
      role,
      name: m.sender?.name ?? role,
      language: m.language ?? 'und',
      confidence: typeof m.confidence === 'number' ? m.confidence : null,
      text: String(m.text ?? ''),
      translation: translation ? { language: translation.language, text: String(translation.text ?? ''), engine: translation.engine ?? '', quality: translation.quality ?? '' } : null,
    };
  });
}

/** The plain-text transcript. */
export function transcriptText(transcript, operatorLanguage) {
  const c = transcript?.conversation ?? {};
  const lines = [
    `Parley transcript — conversation ${c.id ?? ''}`,
    `Visitor: ${c.visitor?.name ?? ''} (${c.visitor?.language ?? ''}) · Operator language: ${operatorLanguage}`,
    `Page: ${c.page?.url ?? ''}`,
    '',
  ];
  for (const r of transcriptRows(transcript, operatorLanguage)) {
    lines.push(`#${r.seq} ${r.time} ${r.name} [${r.role}, ${r.language}]`);
    lines.push(...r.text.split('\n').map((l) => `  ${l}`));
    if (r.translation) {
      lines.push(`  → [${r.translation.language}, ${r.translation.engine}, ${r.translation.quality}, machine-translated]`);
      lines.push(...r.translation.text.split('\n').map((l) => `  ${l}`));
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** A standalone HTML document: a table with the original and the translation side by side. */
export function transcriptHTML(transcript, operatorLanguage) {
  const c = transcript?.conversation ?? {};
  const e = escapeHTML;
  const rows = transcriptRows(transcript, operatorLanguage).map((r) => `<tr class="${r.role === 'visitor' ? 'visitor' : 'operator'}">
<td>${e(r.seq)}</td><td><time>${e(r.time)}</time></td><td>${e(r.name)}</td>
<td lang="${e(r.language)}" dir="auto">${e(r.text)}<div class="meta">${e(r.language)}${r.confidence === null ? '' : ` · ${e(Math.round(r.confidence * 100))} %`}</div></td>
<td${r.translation ? ` lang="${e(r.translation.language)}"` : ''} dir="auto">${r.translation ? `${e(r.translation.text)}<div class="meta">${e(r.translation.language)} · ${e(r.translation.engine)} · ${e(r.translation.quality)} · machine-translated</div>` : ''}</td></tr>`);
  return `<!doctype html>
<html lang="${e(operatorLanguage)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Parley transcript ${e(c.id ?? '')}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#111827}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:8px;vertical-align:top;text-align:left;white-space:pre-wrap;overflow-wrap:anywhere}tr.visitor td:nth-child(4){background:#f8fafc}.meta{color:#6b7280;font-size:12px;white-space:normal}</style>
</head><body>
<h1>Parley transcript</h1>
<p>Conversation ${e(c.id ?? '')} · Visitor: ${e(c.visitor?.name ?? '')} (${e(c.visitor?.language ?? '')}) · Page: ${e(c.page?.url ?? '')}</p>
<table><thead><tr><th>#</th><th>Time</th><th>From</th><th>Original</th><th>Translation</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}
