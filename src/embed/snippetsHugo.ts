/**
 * Hugo: a shortcode call with named arguments, and the shortcode's template, which builds the
 * widget's address itself (`querify`) and adds the host script once per page.
 *
 * Named arguments, not an address in one argument: Hugo escapes a shortcode's output, so an
 * address written with `&amp;` in the call came out as `&amp;amp;` and the widget read a
 * parameter "amp;embed". With named arguments no `&` is ever in the call. Written for Hugo
 * 0.111 (Debian bookworm's) and later: `querify` of a slice, and `.Page.Store` (0.109+).
 */
import { KNOWN_PARAMS } from '../store/urlState';
import { hostScript } from './snippetsHost';
import {
  appOrigin,
  widgetParams,
  type EmbedChoices,
  type PlatformSnippets,
} from './snippetsAddress';

export const HUGO_SHORTCODE = 'ambient-walk';
export const HUGO_TEMPLATE_PATH = `layouts/shortcodes/${HUGO_SHORTCODE}.html`;

/** The widget's URL parameters an author may give the shortcode (the rest are the widget's). */
const NOT_FOR_AUTHORS = new Set(['embed', 'present', 'scale', 'panel', 'autoplay']);
export const HUGO_ARGUMENTS: readonly string[] = KNOWN_PARAMS.filter(
  (k) => !NOT_FOR_AUTHORS.has(k),
);

/** A value as a shortcode's quoted argument (Hugo reads Go-style escapes in quotes). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function hugoCall(c: EmbedChoices): string {
  const args = widgetParams(c)
    .filter(([k]) => k !== 'embed')
    .map(([k, v]) => `${k}=${quote(v)}`);
  args.push(`height=${quote(String(c.height))}`, `title=${quote(c.title)}`);
  return `{{< ${HUGO_SHORTCODE} ${args.join(' ')} >}}`;
}

export function hugoTemplate(c: EmbedChoices): string {
  const names = HUGO_ARGUMENTS.map((n) => quote(n)).join(' ');
  const lines = [
    `{{- /* Ambient Packet Walk, embedded. Named arguments: ${HUGO_ARGUMENTS.join(', ')}`,
    '       (the widget’s URL parameters), height (pixels) and title. */ -}}',
    `{{- $app := ${quote(c.appUrl)} -}}`,
    '{{- $query := slice "embed" "1" -}}',
    `{{- range $name := slice ${names} -}}`,
    '  {{- with $.Get $name -}}{{- $query = $query | append $name (string .) -}}{{- end -}}',
    '{{- end -}}',
    '<iframe src="{{ printf "%s?%s" $app (querify $query) }}"',
    '  title="{{ .Get "title" | default "Ambient Packet Walk" }}" loading="lazy" allow="fullscreen"',
    '  style="width: 100%; height: {{ .Get "height" | default 640 | int }}px; border: 0"></iframe>',
  ];
  if (c.autoHeight)
    lines.push(
      '{{- /* The host script, once per page: it sizes every walk on the page. */ -}}',
      '{{- if not (.Page.Store.Get "ambient-walk-host") }}',
      '{{- .Page.Store.Set "ambient-walk-host" true }}',
      '<script>',
      hostScript(appOrigin(c)),
      '</script>',
      '{{- end }}',
    );
  return lines.join('\n');
}

export function hugoSnippet(c: EmbedChoices): PlatformSnippets {
  return {
    platform: 'hugo',
    label: 'Hugo',
    blocks: [
      {
        id: 'hugo-call',
        label: 'Shortcode call',
        target: { place: 'In the post’s Markdown, where the walk goes' },
        code: hugoCall(c),
      },
      {
        id: 'hugo-template',
        label: 'Shortcode template',
        target: { file: HUGO_TEMPLATE_PATH },
        code: hugoTemplate(c),
      },
    ],
  };
}
