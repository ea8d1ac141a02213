import { renderCsv, csvField } from './csv';
import { renderJson, renderJsonLine } from './json';
import { fixed, percent, renderTable } from './table';

describe('output formats', () => {
  it('pads table columns to their widest cell, figures to the right, without trailing blanks', () => {
    const rows = [
      { name: 'gaussian', acc: 0.8123 },
      { name: 'box', acc: null },
    ];
    expect(
      renderTable(rows, [
        { header: 'NAME', cell: (r) => r.name },
        { header: 'ACC', cell: (r) => percent(r.acc), align: 'right' },
      ]),
    ).toEqual(['NAME         ACC', 'gaussian  81.23%', 'box            -']);
    expect(renderTable([], [{ header: 'ID', cell: (r: { id: string }) => r.id }])).toEqual(['ID']);
  });

  it('prints absent numbers as a dash', () => {
    expect(percent(undefined)).toBe('-');
    expect(fixed(null, 3)).toBe('-');
    expect(fixed(0.12345, 3)).toBe('0.123');
  });

  it('quotes CSV fields holding commas, quotes or line breaks, and leaves absent values empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(
      renderCsv(
        ['k', 'n'],
        [
          ['x,y', 2],
          ['z', null],
        ],
      ),
    ).toBe('k,n\n"x,y",2\nz,\n');
  });

  it('prints JSON indented, or as one line per event', () => {
    expect(renderJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(renderJsonLine({ a: [1] })).toBe('{"a":[1]}\n');
  });
});
