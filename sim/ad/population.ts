import type { Faker as FakerClass } from "@faker-js/faker";
import { faker as englishFaker } from "@faker-js/faker/locale/en";

// The package root loads every locale (about 100 ms per test file that reaches
// this folder); the English entry loads one. Its shared instance is only used
// for its class and definitions: each population gets its own seeded Faker.
const Faker = englishFaker.constructor as typeof FakerClass;
const en = englishFaker.rawDefinitions;

export const DEFAULT_DEPARTMENTS: readonly string[] = ["Sales", "Marketing", "Finance", "Human Resources", "Engineering", "IT", "Legal", "Operations", "Support", "Procurement"];

/** One generated person, before the directory turns them into a user object. */
export interface PersonRecord {
  readonly givenName: string;
  readonly surname: string;
  readonly displayName: string;
  /** first.last, ASCII letters only, at most 20 characters (AD's limit), made unique with a number. */
  readonly samAccountName: string;
  readonly mobile: string;
  readonly department: string;
}

const SAM_MAX = 20;

/**
 * People for a domain, from a faker instance of its own seeded from the lab
 * rng (never the global faker), so the same seed gives the same people.
 * `isTaken` tells which sAMAccountNames the directory already holds.
 */
export function* generatePeople(seed: number, count: number, departments: readonly string[], isTaken: (samLower: string) => boolean): Generator<PersonRecord> {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const nextSuffix = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const givenName = faker.person.firstName();
    const surname = faker.person.lastName();
    const base = `${fold(givenName)}.${fold(surname)}`.slice(0, SAM_MAX);
    let sam = base;
    let n = nextSuffix.get(base) ?? 2;
    while (isTaken(sam)) {
      const suffix = String(n++);
      sam = base.slice(0, SAM_MAX - suffix.length) + suffix;
    }
    nextSuffix.set(base, n);
    yield {
      givenName,
      surname,
      displayName: `${givenName} ${surname}`,
      samAccountName: sam,
      mobile: faker.phone.number({ style: "international" }),
      department: faker.helpers.arrayElement(departments),
    };
  }
}

/** Lower-case ASCII letters of a name: "D'Amore" becomes "damore", "Zoë" "zoe". */
function fold(name: string): string {
  const ascii = /^[A-Za-z]+$/.test(name) ? name : name.normalize("NFD").replace(/[^A-Za-z]/g, "");
  return (ascii || "user").toLowerCase();
}
