import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLErrorFilter } from './graphql-error.filter';

/** Installs the filter that passes deliberate GraphQL errors to clients without logging them. */
@Module({ providers: [{ provide: APP_FILTER, useClass: GraphQLErrorFilter }] })
export class ErrorsModule {}
