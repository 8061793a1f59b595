/**
 * The fixed catalogue the demo data generator draws from: a swim, gym,
 * tennis and pickleball school with five locations.
 */
import type { NamedItem, Offering, OfferingKind, OrganisationLists } from "./model.js";

const offering = (kind: OfferingKind, id: string, name: string, ...keywords: string[]): Offering => ({ kind, id, name, keywords });

/** The demo classes, camps and programs, with their keywords. */
export const DEMO_OFFERINGS: readonly Offering[] = [
  offering("class", "C01", "Parent & Tot Swim", "Swim", "Preschool"),
  offering("class", "C02", "Swim Level 1", "Swim", "Beginner"),
  offering("class", "C03", "Swim Level 2", "Swim", "Beginner"),
  offering("class", "C04", "Swim Level 3", "Swim", "Intermediate"),
  offering("class", "C05", "Swim Level 4", "Swim", "Intermediate"),
  offering("class", "C06", "Swim Level 5", "Swim", "Advanced"),
  offering("class", "C07", "Swim Level 6", "Swim", "Advanced"),
  offering("class", "C08", "Stroke Clinic", "Swim", "Advanced"),
  offering("class", "C09", "Gymnastics Preschool", "Gym", "Preschool"),
  offering("class", "C10", "Gymnastics Level 1", "Gym", "Beginner"),
  offering("class", "C11", "Gymnastics Level 2", "Gym", "Intermediate"),
  offering("class", "C12", "Gymnastics Level 3", "Gym", "Advanced"),
  offering("class", "C13", "Tumbling", "Gym", "Beginner"),
  offering("class", "C14", "Ninja Kids", "Gym", "Beginner"),
  offering("class", "C15", "Tennis Red Ball", "Tennis", "Beginner"),
  offering("class", "C16", "Tennis Orange Ball", "Tennis", "Intermediate"),
  offering("class", "C17", "Tennis Green Ball", "Tennis", "Intermediate"),
  offering("class", "C18", "Tennis Juniors", "Tennis", "Advanced"),
  offering("class", "C19", "Adult Tennis Drills", "Tennis", "Adult"),
  offering("class", "C20", "Pickleball Intro", "Pickleball", "Beginner", "Adult"),
  offering("class", "C21", "Pickleball Drills", "Pickleball", "Intermediate", "Adult"),
  offering("class", "C22", "Pickleball Open Play", "Pickleball", "Adult"),
  offering("camp", "K01", "Summer Swim Camp", "Swim", "Summer"),
  offering("camp", "K02", "Spring Break Gym Camp", "Gym", "Holiday"),
  offering("camp", "K03", "Tennis Summer Camp", "Tennis", "Summer"),
  offering("camp", "K04", "Multi-Sport Camp", "Swim", "Gym", "Tennis", "Summer"),
  offering("camp", "K05", "Winter Break Camp", "Gym", "Holiday"),
  offering("program", "P01", "Swim Team", "Swim", "Competitive"),
  offering("program", "P02", "Competitive Gymnastics", "Gym", "Competitive"),
  offering("program", "P03", "Junior Tennis Academy", "Tennis", "Competitive"),
  offering("program", "P04", "After-School Program", "Multi-sport"),
  offering("program", "P05", "Pickleball League", "Pickleball", "Adult"),
];

const item = (id: string, name: string): NamedItem => ({ id, name });

/** The demo organisation's lists. */
export const DEMO_LISTS: OrganisationLists = {
  creditTypes: [
    item("weather", "Weather closure"),
    item("holiday", "Holiday closure"),
    item("goodwill", "Goodwill"),
    item("promotion", "Promotion"),
    item("referral", "Referral"),
  ],
  chargeCategories: [
    item("tuition", "Tuition"),
    item("registration", "Registration"),
    item("camp", "Camp"),
    item("membership", "Membership"),
    item("merchandise", "Merchandise"),
    item("late-fee", "Late fee"),
  ],
  locations: [
    item("downtown", "Downtown"),
    item("northside", "Northside"),
    item("eastside", "Eastside Aquatic Center"),
    item("west-hills", "West Hills"),
    item("lakeside", "Lakeside"),
  ],
  offerings: DEMO_OFFERINGS,
  autopayMethods: [item("card", "Card"), item("ach", "Bank account (ACH)")],
};

/** Charge category → typical fee amounts (canonical USD strings). */
export const DEMO_PRICES: Readonly<Record<string, readonly string[]>> = {
  tuition: ["85.00", "95.00", "120.00", "145.50", "180.00"],
  registration: ["25.00", "35.00", "40.00"],
  camp: ["199.00", "249.00", "310.00"],
  membership: ["50.00", "75.00", "99.99"],
  merchandise: ["12.50", "18.00", "24.99", "32.00"],
  "late-fee": ["10.00", "15.00"],
};

/** Part-paid remainders. */
export const DEMO_PARTIAL_REMAINDERS: readonly string[] = ["5.00", "10.00", "22.50", "47.25", "60.00"];

/** Family surnames, some with accents and apostrophes to exercise the collation. */
export const DEMO_SURNAMES: readonly string[] = (
  "Garcia Smith Johnson Williams Brown Jones Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas " +
  "Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King " +
  "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips " +
  "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper " +
  "Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz " +
  "Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez O'Brien Müller Østergaard Dubois Novak"
).split(" ");

/** First names of account holders. */
export const DEMO_ADULT_NAMES: readonly string[] = (
  "Ana Maria Jennifer Michael David Sarah Jessica James Robert Laura Daniel Emily Carlos Priya Wei Fatima John Linda " +
  "Kevin Rachel Omar Sofia Thomas Elena Brian Nicole Luis Hannah Andrew Grace"
).split(" ");

/** First names of students. */
export const DEMO_CHILD_NAMES: readonly string[] = (
  "Olivia Liam Emma Noah Ava Elijah Sophia Mateo Isabella Lucas Mia Levi Amelia Ethan Harper Aiden Evelyn Leo Chloe Jack " +
  "Zoe Owen Nora Caleb Lily Ezra Aria Luca Ella Hudson Maya Kai Ivy Miles Zara Jayden Ruby Theo Layla Felix Nina Arjun " +
  "Chloé Zoë Ines Jonas Yuki Sami Aaliyah Ben"
).split(" ");

/** Family keywords with the chance a family has each. */
export const DEMO_FAMILY_KEYWORDS: readonly (readonly [string, number])[] = [
  ["VIP", 0.05],
  ["Founding", 0.03],
  ["Staff", 0.04],
  ["Scholarship", 0.03],
  ["Military", 0.04],
];

/** Student keywords with the chance a student has each. */
export const DEMO_STUDENT_KEYWORDS: readonly (readonly [string, number])[] = [
  ["Beginner", 0.15],
  ["Competitive", 0.08],
  ["Team", 0.06],
  ["Medical note", 0.04],
];
