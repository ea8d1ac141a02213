import { connectionKey, gqlContext } from './ws-context';

describe('subscription context', () => {
  it('reads the API key from connectionParams', () => {
    expect(connectionKey({ apiKey: 'k1' })).toBe('k1');
    expect(connectionKey({ 'x-api-key': 'k2' })).toBe('k2');
    expect(connectionKey({ authorization: 'Bearer k3' })).toBe('k3');
    expect(connectionKey({})).toBeUndefined();
    expect(connectionKey(undefined)).toBeUndefined();
  });

  it('builds a stand-in request for WebSocket operations and passes HTTP requests through', () => {
    expect(gqlContext({ connectionParams: { apiKey: 'k' } }).req.headers).toEqual({ 'x-api-key': 'k' });
    expect(gqlContext({ connectionParams: {} }).req.headers).toEqual({});
    const req = { headers: { 'x-api-key': 'h' } };
    expect(gqlContext({ req }).req).toBe(req);
  });
});
