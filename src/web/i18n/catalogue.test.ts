import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../shared/errors.js';
import { productLocales } from '../../shared/identity.js';
import { areas, type Area } from './areas.js';
import { compileMessage } from './compile.js';
import { formatCompiled } from './compiled.js';

/**
 * The catalogues are complete and exact: every area has a catalogue in every language with every
 * key of its English reference and no other, no key is in two areas, every message is valid ICU
 * with the same placeholders as the English one and reads the same once compiled for the browser,
 * every key is used by the code, every key the code uses exists, and in an area the page that
 * uses it loads.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');

/**
 * The areas each part of the app loads, as the router does (src/web/app/router.tsx): the first
 * pattern that matches a file decides; any other file may only use `shared` words.
 */
const areasOfFile: [RegExp, Area[]][] = [
  // The error words: ErrorNotice falls back to the generic ones (shared) until they are loaded.
  [/app\/errors\.ts$|components\/ErrorNotice\.tsx$/, ['shared', 'errors']],
  [/routes\/member\/(casePanels\.tsx$|panels\/)|features\/documents\//, ['shared', 'case-panels']],
  // The DICOM viewer loads its own words when it opens (useAreas).
  [/features\/imaging\//, ['shared', 'imaging']],
  // The words of a cover check: the pages that show one load them.
  [/features\/coverage\//, ['shared', 'coverage']],
  // Referrals: the member's panel, the case manager's tab and the cover assessors' desk load
  // their words and a cover check's (useAreas, and the desk's route).
  [/features\/referrals\/|routes\/cover\//, ['shared', 'referrals', 'coverage', 'errors']],
  // The opinion's layers: the member's panel loads its words with the case page's panels; the
  // case manager's part is in the workspace.
  [/features\/opinion-layers\/MemberOpinionLayers\.tsx$/, ['shared', 'case-panels', 'errors']],
  [/features\/opinion-layers\/WorkspaceOpinionLayers\.tsx$/, ['shared', 'staff']],
  [/features\/opinion-layers\/PlainLanguageHints\.tsx$/, ['shared', 'staff']],
  [/routes\/doctor\//, ['shared', 'errors']],
  [/routes\/StaffHome\.tsx$/, ['shared', 'staff', 'ops', 'specialist']],
  [/routes\/workspace\/|features\/staff\//, ['shared', 'staff']],
  // Outcomes: their page and the dashboard's summary (both load the area).
  [/routes\/ops\/(Outcomes|Dashboard)\.tsx$|features\/outcomes\//, ['shared', 'staff', 'ops', 'outcomes']],
  [/routes\/ops\/planner\//, ['shared', 'staff', 'ops', 'planning']],
  [/routes\/ops\//, ['shared', 'staff', 'ops']],
  [/routes\/specialist\//, ['shared', 'specialist']],
  [/routes\/member\/RequestOpinion\.tsx$|features\/requests\//, ['shared', 'member', 'request']],
  [/routes\/(SignIn|SignUp|PasswordReset)\.tsx$/, ['shared', 'sign-in']],
  [/routes\/(Home|Hub)\.tsx$/, ['shared', 'member', 'hub']],
  [/routes\/member\/AccessLog\.tsx$/, ['shared', 'access-log']],
  // The member's data and the privacy officer's desk.
  [/routes\/member\/MyData\.tsx$|routes\/privacy\/|features\/privacy\//, ['shared', 'privacy']],
  // The page a confirmation link opens: the member's words, as the notice on the hub and the form.
  [/routes\/VerifyEmail\.tsx$/, ['shared', 'member']],
  // The steps of two-step sign-in: the profile loads `account` with their chunk.
  [/routes\/account\/|features\/account\/TwoStep\.tsx$/, ['shared', 'member', 'account']],
  [/routes\/member\/Profile\.tsx$|features\/(contact|account)\//, ['shared', 'member']],
  // The employer's hub and the ops page of employer plans; a member's add-on contacts (on the hub).
  [/routes\/employer\/|features\/employers\/(?!ServiceContact)/, ['shared', 'employers', 'hub']],
  [/features\/employers\/ServiceContact\.tsx$/, ['shared', 'member', 'hub']],
  // Service reviews: the public page, the moderator's queue, and the rating panel (useAreas).
  [/routes\/(public|moderation)\/|features\/feedback\//, ['shared', 'feedback']],
  // Records from the treating providers: the panels load their words (useAreas), the provider's page with its route.
  [/routes\/provider\/|features\/records\//, ['shared', 'records', 'errors']],
  // Follow-up questions after the opinion: the panels load their words (useAreas).
  [/features\/followups\//, ['shared', 'followups', 'errors']],
];

type Catalogue = Record<string, string>;
const catalogue = (area: Area, locale: string): Catalogue =>
  JSON.parse(readFileSync(path.join(here, 'locales', area, `${locale}.json`), 'utf8')) as Catalogue;
const reference = Object.fromEntries(areas.map((area) => [area, catalogue(area, 'en')])) as Record<
  Area,
  Catalogue
>;
const allEnglish: Catalogue = Object.assign({}, ...areas.map((area) => reference[area]));
const areaOfKey = new Map(areas.flatMap((area) => Object.keys(reference[area]).map((key) => [key, area])));
const referenceKeys = Object.keys(allEnglish).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}
const files = sourceFiles(webRoot).map((file) => ({
  file: path.relative(webRoot, file).split(path.sep).join('/'),
  text: readFileSync(file, 'utf8'),
}));
const code = files.map((entry) => entry.text).join('\n');

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** The names of a message's arguments ({name}, {count, plural, …}), nested ones included. */
function argumentsOf(ast: Ast, found = new Set<string>()): Set<string> {
  for (const element of ast) {
    if ('value' in element && typeof element.value === 'string' && element.type !== 0)
      found.add(element.value);
    if ('options' in element && element.options) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

describe('the message catalogues', () => {
  for (const area of areas) {
    it(`${area}: exist for every product language`, () => {
      const present = readdirSync(path.join(here, 'locales', area))
        .map((file) => file.replace(/\.json$/, ''))
        .sort();
      expect(present).toEqual([...productLocales].sort());
    });
  }

  it('put each key in one area only', () => {
    const seen = areas.flatMap((area) => Object.keys(reference[area]));
    expect(seen.filter((key, index) => seen.indexOf(key) !== index)).toEqual([]);
  });

  for (const locale of productLocales) {
    it(`${locale}: has exactly the English keys in each area, each a valid ICU message with the same placeholders`, () => {
      for (const area of areas) {
        const messages = catalogue(area, locale);
        const english = reference[area];
        const keys = Object.keys(messages).sort();
        expect(
          Object.keys(english).filter((key) => !(key in messages)),
          `${area}: missing keys`,
        ).toEqual([]);
        expect(
          keys.filter((key) => !(key in english)),
          `${area}: keys not in English`,
        ).toEqual([]);
        for (const key of keys) {
          const message = messages[key]!;
          expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
          const format = new IntlMessageFormat(message, locale);
          const englishFormat = new IntlMessageFormat(english[key]!, 'en');
          expect([...argumentsOf(format.getAst())].sort(), `${locale} ${key} placeholders`).toEqual(
            [...argumentsOf(englishFormat.getAst())].sort(),
          );
        }
      }
    });

    it(`${locale}: reads the same compiled for the browser as with the ICU library`, () => {
      for (const area of areas) {
        for (const [key, message] of Object.entries(catalogue(area, locale))) {
          const library = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
          const compiled = compileMessage(message, locale, key);
          const names = [...argumentsOf(library.getAst())];
          // Numbers exercise every plural category of the language; plain arguments show them too.
          for (const value of [0, 1, 2, 3, 5, 11, 22, 101, 1.5]) {
            const values = Object.fromEntries(names.map((name) => [name, value]));
            expect(formatCompiled(compiled, values, locale), `${locale} ${key} with ${value}`).toBe(
              String(library.format(values)),
            );
          }
        }
      }
    });
  }

  it('has no key the code never uses', () => {
    const unused = referenceKeys
      .filter((key) => areaOfKey.get(key) !== 'errors')
      .filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it('words only error codes the API has (app/errors.ts shows `error.<code>`)', () => {
    const orphans = Object.keys(reference.errors).filter(
      (key) => !(key.replace(/^error\./, '') in errorCatalogue),
    );
    expect(orphans).toEqual([]);
  });

  it('has every key the code asks for', () => {
    const asked = [...code.matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => match[1]!);
    expect(asked.length).toBeGreaterThan(20);
    expect(asked.filter((key) => !(key in allEnglish))).toEqual([]);
  });

  it('gives every page the words it uses: no key of an area its page does not load', () => {
    const outside: string[] = [];
    for (const { file, text } of files) {
      const allowed = areasOfFile.find(([pattern]) => pattern.test(file))?.[1] ?? ['shared'];
      for (const [, key] of text.matchAll(/['"]([A-Za-z][\w.-]*)['"]/g)) {
        const area = areaOfKey.get(key!);
        if (area && !allowed.includes(area)) outside.push(`${file}: ${key} (${area})`);
      }
    }
    expect(outside).toEqual([]);
  });
});

/**
 * The wording assumes no gender. A member read "Vous serez contacté" (masculine) as a woman; the
 * web app, the e-mails and the written report now name people by their function ("Ihre
 * Fallbetreuung", "la persona referente del caso", "فريق متابعة حالتك"), in the passive, or with
 * verbs that need no agreement. Each list holds the gendered forms that were removed from that
 * language, so that none comes back with a new or reworded message. The e-mails and the report
 * are the server's; their words are read here as text, since the browser's code never imports
 * the server's.
 */
const serverRoot = path.resolve(webRoot, '../server/modules');
const letterBounded = (source: string) =>
  new RegExp(`(?<![\\p{L}\\p{M}])(?:${source})(?![\\p{L}\\p{M}])`, 'iu');
const genderedForms: Record<string, RegExp[]> = {
  de: [
    'Ihr(?:e[mn]?)? Case[- ]Manager',
    'Case[- ]Managers?',
    'Fallmanager(?:in|s)?',
    'Fachärzt(?:e|en|in|innen)?',
    'Facharzt(?:es)?',
    '(?:der|dem|den|des|ein|einem|einen|Ihr|Ihrem|Ihren) (?:behandelnden? )?Arzt(?:es)?',
    'Virtueller Arzt',
    'Kolleg(?:in|en)',
    'Dolmetscher(?:in)?',
    'Gutachter(?:bereich|gremium)?',
    'Mitarbeiterkont(?:o|en)',
    'Versicherungsnehmer',
    'Datenschutzbeauftragter',
    'Arbeitgeber-Administrator',
    'Kandidat(?:en)?',
  ].map(letterBounded),
  it: [
    'case manager',
    '(?<!ha |hanno |abbiamo |avete )contattat[oi]',
    'informat[oi]',
    'assistit[oi]',
    'assicurat[oi]',
    '(?:lo|uno|dello|allo|dallo|questo|nessuno|un altro) specialista',
    'medico (?:referente|curante|virtuale)',
    '(?:un|il (?:tuo|suo)) medico',
    '(?<!il )benvenut[oi]',
    'sei stato',
    'tu stesso',
    'un collega',
    'candidat[oi]',
    'tutore',
    'amministratore',
    'un interprete',
  ].map(letterBounded),
  ar: [
    'مدير (?:ال)?حال',
    'مديري? الحالات',
    'طبيب(?:ًا)? (?:أ|ا)خصائي',
    'الأطباء الاختصاصي',
    'هل أنت جديد',
    'زميل',
    'مترجم',
    'مرشح',
    'هذا الأخصائي',
    'طبيبك',
    'الطبيب الافتراضي',
  ].map((source) => new RegExp(source, 'u')),
  es: [
    'case manager',
    'gestor(?:es)? de casos?',
    'médico (?:responsable|virtual)',
    '(?:el|al|del|este|un|otro|ningún) especialista',
    '(?:el|al|del) afiliado',
    '(?:número|tarjeta) de afiliado',
    'afiliado',
    '(?<!ha |han |hemos |haya )contactad[oa]s?',
    'colega',
    'candidatos?',
    'miembros?',
    'tutor',
    'usted mismo',
    'administrador',
  ].map(letterBounded),
  fr: [
    'case manager',
    'gestionnaire de dossier',
    'médecin (?:référent|virtuel)',
    '(?:le|du|au|ce|un|aucun|autre) spécialiste',
    'adhérents?',
    '(?<!a |ont |avons |avez |ai )contactée?s?',
    'confrère',
    'candidats?',
    'tuteur',
    'délégué',
    'administrateur',
    'le membre',
    'vous-même',
  ].map(letterBounded),
  pt: [
    'case manager',
    'gestor(?:es)? de casos?',
    'médico (?:responsável|virtual)',
    '(?:o|do|ao|este|um|outro|nenhum) especialista',
    'beneficiários?',
    'segurados?',
    '(?<!tem |têm |temos |ter )conta(?:c)?tad[oa]s?',
    'colega',
    'candidatos?',
    'bem-vindo',
    'tutor',
    'encarregado',
    'administrador',
    'o membro',
  ].map(letterBounded),
};

/** The part of the report's labels (reviews/report-labels.ts) written in one language. */
function reportLabelsIn(locale: string): string {
  const text = readFileSync(path.join(serverRoot, 'reviews/report-labels.ts'), 'utf8');
  const start = text.indexOf(`\n  ${locale}: {`);
  expect(start, `the report has ${locale} labels`).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('\n  },', start));
}

describe('a member is addressed without an assumed gender in every language', () => {
  for (const [locale, forms] of Object.entries(genderedForms)) {
    it(`${locale}: no message of the app, no e-mail and no report label uses a gendered form`, () => {
      const texts: [string, string][] = [
        ...areas.flatMap((area) =>
          Object.entries(catalogue(area, locale)).map(([key, message]): [string, string] => [
            `${area} ${key}`,
            message,
          ]),
        ),
        ['e-mails', readFileSync(path.join(serverRoot, `notifications/catalogues/${locale}.ts`), 'utf8')],
        ['report', reportLabelsIn(locale)],
      ];
      const found = texts.flatMap(([where, text]) =>
        forms.filter((form) => form.test(text)).map((form) => `${where}: ${form.source}`),
      );
      expect(found).toEqual([]);
    });
  }

  it('a form in the lists is caught where it would come back', () => {
    expect(genderedForms.fr!.some((form) => form.test('Vous serez contacté demain.'))).toBe(true);
    expect(genderedForms.de!.some((form) => form.test('Ihr Case Manager meldet sich.'))).toBe(true);
    expect(genderedForms.it!.some((form) => form.test('Sarai contattato entro domani.'))).toBe(true);
    expect(genderedForms.ar!.some((form) => form.test('يتحدثها مدير حالتك.'))).toBe(true);
    expect(genderedForms.de!.some((form) => form.test('Ihre Fallbetreuung meldet sich.'))).toBe(false);
    expect(genderedForms.fr!.some((form) => form.test('la personne adhérente'))).toBe(false);
  });
});
