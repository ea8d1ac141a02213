import { HttpException } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import type { Request } from 'express';
import type { Logger } from '@kernel-sweep/config';
import type { ApiKeyRegistry } from '../auth/api-keys';
import { badRequest, gatewayError, ErrorCode, notFound } from '../errors/graphql-errors';
import { ReportsController } from './reports.controller';
import { ReportNotWrittenError, type ReportsService } from './reports.service';

/** A gRPC error as `@grpc/grpc-js` raises it (what `isGrpcServiceError` recognises). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

function controllerFailingWith(err: Error) {
  const log = { error: jest.fn() };
  const keys = { ownerOf: (k: string) => (k === 'key' ? 'alice' : undefined) } as unknown as ApiKeyRegistry;
  const reports = { html: () => Promise.reject(err) } as unknown as ReportsService;
  return { controller: new ReportsController(keys, reports, log as unknown as Logger), log };
}

async function statusOf(err: Error, sweepId = 'sw-0123456789abcdef0123'): Promise<{ status: number; logged: boolean }> {
  const { controller, log } = controllerFailingWith(err);
  const req = { headers: { 'x-api-key': 'key' } } as unknown as Request;
  const thrown: unknown = await controller.html(req, sweepId).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(thrown instanceof HttpException)) throw new Error(`not an HTTP error: ${String(thrown)}`);
  return { status: thrown.getStatus(), logged: log.error.mock.calls.length > 0 };
}

describe('GET /reports/:sweepId/report.html errors', () => {
  it('answers 400 for an ID that cannot be a sweep\'s, before asking for its report', async () => {
    expect(await statusOf(new Error('not reached'), 'sw-1')).toEqual({ status: 400, logged: false });
  });

  it('answers 404 for a sweep that is not the caller’s', async () => {
    expect(await statusOf(notFound('sweepId', 'no sweep sw-1'))).toEqual({ status: 404, logged: false });
  });

  it('answers 409 while the sweep runs, and for a sweep that failed with a business failure', async () => {
    expect(await statusOf(new ReportNotWrittenError('sw-1'))).toEqual({ status: 409, logged: false });
    expect(await statusOf(gatewayError(ErrorCode.DatasetMissing, 'data set mnist missing', { failureType: 'DatasetMissing' }))).toEqual({ status: 409, logged: false });
  });

  it('answers 503 when Temporal cannot be reached or does not answer in time', async () => {
    expect(await statusOf(new ServiceError('Failed to describe workflow', { cause: grpcError(14, 'No connection established') }))).toEqual({ status: 503, logged: false });
    expect(await statusOf(grpcError(4, 'Deadline exceeded'))).toEqual({ status: 503, logged: false });
  });

  it('answers 500 and logs anything else, a GraphQL error without a business failure included', async () => {
    expect(await statusOf(new Error('S3 read failed'))).toEqual({ status: 500, logged: true });
    expect(await statusOf(badRequest('unexpected'))).toEqual({ status: 500, logged: true });
    expect(await statusOf(new ServiceError('Failed to describe workflow', { cause: grpcError(7, 'Permission denied') }))).toEqual({ status: 500, logged: true });
  });
});
