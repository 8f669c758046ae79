// Deterministic generators for demo and benchmark data: the same seed gives the same firm, people
// and companies on every machine. Names are composed from common given names and surnames and
// invented company words, so no real firm or person is described.
export type Rng = () => number;

/** mulberry32: small, fast, good enough for demo data. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

export const givenNames = [
  'Ana',
  'Bruno',
  'Carla',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Marta',
  'Nikhil',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Samir',
  'Tessa',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Amara',
  'Boris',
  'Chloe',
  'Diego',
  'Esther',
  'Felix',
  'Gita',
  'Henrik',
  'Ivy',
  'Jamal',
  'Kira',
  'Lucas',
  'Mei',
  'Noah',
  'Oscar',
  'Priya',
  'Rafael',
  'Sofia',
  'Tomas',
  'Uma',
  'Victor',
  'Wanda',
] as const;

export const surnames = [
  'Almeida',
  'Brandt',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quintero',
  'Rossi',
  'Sato',
  'Thompson',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zielinski',
  'Andersen',
  'Barros',
  'Chen',
  'Dias',
  'Evans',
  'Ferreira',
  'Gomez',
  'Hoffmann',
  'Iyer',
  'Jovanovic',
  'Kim',
  'Larsen',
  'Mendes',
  'Novak',
  'Osei',
  'Patel',
] as const;

const companyFirst = [
  'Amber',
  'Basalt',
  'Cedar',
  'Driftwood',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Indigo',
  'Juniper',
  'Kestrel',
  'Lantern',
  'Meridian',
  'Northgate',
  'Orchard',
  'Pinecrest',
  'Quarry',
  'Riverbend',
  'Saltmarsh',
  'Tidewater',
  'Upland',
  'Vantage',
  'Willow',
  'Yarrow',
  'Zephyr',
  'Bluebell',
  'Copperleaf',
  'Silverline',
] as const;
const companySecond = [
  'Logistics',
  'Dental Group',
  'Foods',
  'Engineering',
  'Health',
  'Capital',
  'Software',
  'Retail',
  'Builders',
  'Analytics',
  'Pharma',
  'Media',
  'Hospitality',
  'Energy',
  'Legal',
  'Insurance',
  'Manufacturing',
  'Labs',
] as const;
const companySuffix = ['', '', ' Ltd', ' Inc', ' & Co', ' Group', ' Partners', ' GmbH', ' SA'] as const;

export function personName(rng: Rng) {
  const first = pick(rng, givenNames);
  const last = pick(rng, surnames);
  return { first, last, full: `${first} ${last}` };
}

export function companyName(rng: Rng): string {
  return `${pick(rng, companyFirst)} ${pick(rng, companySecond)}${pick(rng, companySuffix)}`;
}

export function emailFor(first: string, last: string, domain: string, n?: number): string {
  const local = `${first}.${last}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z.]/g, '');
  return `${local}${n ? n : ''}@${domain}`;
}

export function domainFor(company: string): string {
  return `${company
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z]+/g, '')}.example`;
}
