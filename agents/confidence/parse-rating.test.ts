// Reading a rating: a well-formed one as given, and anything else as confidence 0 with the reason.
import { describe, expect, it } from 'vitest';
import { parseRating } from './parse-rating.js';

describe('parseRating', () => {
  it('reads a well-formed rating, ignoring fields it did not ask for', () => {
    expect(parseRating('{"confidence":0.72,"reasoning":" Covers both parts. ","extra":true}')).toEqual({ confidence: 0.72, reasoning: 'Covers both parts.', readable: true });
    expect(parseRating('{"confidence":1,"reasoning":""}')).toMatchObject({ confidence: 1, readable: true });
    expect(parseRating('{"confidence":0,"reasoning":"gave up"}')).toMatchObject({ confidence: 0, readable: true });
  });

  it('counts JSON that does not parse as 0, saying so', () => {
    const rating = parseRating('{"confidence":0.9,"reas');
    expect(rating.confidence).toBe(0);
    expect(rating.readable).toBe(false);
    expect(rating.reasoning).toMatch(/^The rating could not be read, so it counts as 0: it is not valid JSON \(/);
  });

  it('says when the reply was cut off at the token limit', () => {
    expect(parseRating('{"confidence":0.9,"reas', 'length').reasoning).toContain('it is not valid JSON, cut off at the output token limit');
  });

  it('counts an empty reply as 0', () => {
    expect(parseRating(null)).toEqual({ confidence: 0, reasoning: 'The rating could not be read, so it counts as 0: the reply was empty.', readable: false });
    expect(parseRating('   ').readable).toBe(false);
  });

  it('counts a confidence outside 0-1 as 0, naming the value given', () => {
    const rating = parseRating('{"confidence":85,"reasoning":"sure"}');
    expect(rating).toMatchObject({ confidence: 0, readable: false });
    expect(rating.reasoning).toContain('its confidence 85 is outside 0-1');
    expect(parseRating('{"confidence":-0.1,"reasoning":"?"}').confidence).toBe(0);
  });

  it('counts a reply missing a field or of the wrong type as 0, naming the field', () => {
    expect(parseRating('{"reasoning":"fine"}').reasoning).toMatch(/not \{ confidence: 0-1, reasoning \} \(confidence: /);
    expect(parseRating('{"confidence":"high","reasoning":"fine"}')).toMatchObject({ confidence: 0, readable: false });
    expect(parseRating('[0.9]').reasoning).toContain('it is not { confidence: 0-1, reasoning }');
  });
});
