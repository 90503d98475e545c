import { peerAddress } from './call-actor';

describe('the address of a gRPC peer', () => {
  it.each([
    ['ipv4:10.1.2.3:5123', '10.1.2.3'],
    ['ipv6:[::1]:50051', '::1'],
    ['ipv6:[2001:db8::7]:443', '2001:db8::7'],
    ['unix:/tmp/grpc.sock', 'unix:/tmp/grpc.sock'],
    ['10.0.0.9', '10.0.0.9'],
  ])('%s is recorded as %s', (peer, address) => {
    expect(peerAddress(peer)).toBe(address);
  });

  it('is left out when the transport names no peer', () => {
    expect(peerAddress(undefined)).toBeUndefined();
    expect(peerAddress('')).toBeUndefined();
  });
});
