import { searchedSpaces } from '../../src/adapters/chat-api';

describe('spaces:search pages', () => {
  const a = { name: 'spaces/A', displayName: 'A' };
  const b = { name: 'spaces/B', displayName: 'B' };

  it('reads results[].space (revision 20260920), which wins over the deprecated spaces list', () => {
    expect(searchedSpaces({ results: [{ space: a }, { space: b }], spaces: [b] })).toEqual([a, b]);
    expect(searchedSpaces({ results: [{ space: a }, {}, { space: null }] })).toEqual([a]);
  });

  it('falls back to spaces when an answer has no results', () => {
    expect(searchedSpaces({ spaces: [a] })).toEqual([a]);
    expect(searchedSpaces({})).toEqual([]);
  });
});
