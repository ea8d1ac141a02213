// Integration tests drive real servers and train real models: minutes, not seconds.
jest.setTimeout(10 * 60_000);
