// The facts the benchmark fills the store with, and the questions it recalls them by: built from
// small word lists by index, so every run holds the same 100,000 facts and asks the same questions.
// Each fact mixes words shared by many facts with ones few share, as real notes do.

const subjects = ['budget', 'deadline', 'owner', 'server', 'password', 'venue', 'supplier', 'invoice', 'release', 'meeting', 'contract', 'dataset', 'printer', 'office', 'badge', 'laptop', 'license', 'backup', 'roadmap', 'newsletter'];
const qualities = ['new', 'staging', 'quarterly', 'backup', 'primary', 'regional', 'annual', 'shared', 'temporary', 'internal', 'public', 'legacy'];
const teams = ['marketing', 'finance', 'platform', 'research', 'sales', 'support', 'design', 'legal', 'security', 'data'];
const cities = ['Lyon', 'Berlin', 'Austin', 'Osaka', 'Lagos', 'Lima', 'Perth', 'Oslo', 'Porto', 'Quito', 'Tunis', 'Hanoi'];
const people = ['Priya', 'Tom', 'Amara', 'Kenji', 'Lucia', 'Omar', 'Sofia', 'Ravi', 'Elena', 'Jonas', 'Mei', 'Diego', 'Nadia', 'Felix'];

/** Fact number `index`: "The staging budget of the finance team in Lyon is 48,210 and Priya owns it (note 17)". */
export function syntheticFact(index: number): string {
  const subject = subjects[index % subjects.length]!;
  const quality = qualities[Math.floor(index / subjects.length) % qualities.length]!;
  const team = teams[(index * 7) % teams.length]!;
  const city = cities[(index * 11) % cities.length]!;
  const person = people[(index * 13) % people.length]!;
  const value = ((index * 7_919) % 90_000) + 10_000;
  return `The ${quality} ${subject} of the ${team} team in ${city} is ${value.toLocaleString('en-US')} and ${person} owns it (note ${index})`;
}

/** A question about fact number `index`, worded as a user would ask it. */
export function syntheticQuestion(index: number): string {
  const subject = subjects[index % subjects.length]!;
  const quality = qualities[Math.floor(index / subjects.length) % qualities.length]!;
  const team = teams[(index * 7) % teams.length]!;
  const city = cities[(index * 11) % cities.length]!;
  return `What is the ${quality} ${subject} of the ${team} team in ${city}?`;
}
