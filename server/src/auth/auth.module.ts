import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { RATE_LIMITS } from '../common/decorators/rate-limited.decorator';
import { AuthGuard } from '../common/guards/auth.guard';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { ActorLoader } from './actor.loader';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAttempts } from './login-attempts.service';
import { MfaService } from './mfa.service';
import { PasswordPolicyService } from './password-policy.service';
import { PasswordService } from './password.service';
import { SecretBox } from './secret-box';
import { TokenService } from './token.service';
import { WindowThrottlerStorage } from './window-throttler.storage';

@Global()
@Module({
  imports: [
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      // One budget per kind of public route; `@RateLimited(...)` puts a route under exactly one of them. The counts
      // live in this process's memory: with several processes each keeps its own (README, Security).
      useFactory: (config: AppConfig) => ({
        throttlers: [
          // Login guards passwords: strict.
          { name: RATE_LIMITS.login, ttl: 60_000, limit: config.auth.throttleLoginPerMinute },
          { name: RATE_LIMITS.verify, ttl: 60_000, limit: config.auth.throttleVerifyPerMinute },
          // Refresh is sized for a township behind one NAT egress, and every refresh counts, valid or not: a refresh
          // token is 256 random bits, so this budget guards no secret against guessing, only the database work one
          // address can cause; counting failures alone would need a second count after the handler for no gain.
          { name: RATE_LIMITS.refresh, ttl: 60_000, limit: config.auth.throttleRefreshPerMinute },
        ],
        storage: new WindowThrottlerStorage(),
        // A bucket per route and client, as the library's default key, but kept as plain text: the default hashes it
        // with SHA-256 on every request, for a key that never leaves this process (3% of a letter check's CPU).
        generateKey: (context, tracker) => `${context.getClass().name}.${context.getHandler().name}\u0000${tracker}`,
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    AccountService,
    LoginAttempts,
    MfaService,
    SecretBox,
    PasswordService,
    PasswordPolicyService,
    TokenService,
    ActorLoader,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordService, PasswordPolicyService, TokenService, ActorLoader],
})
export class AuthModule {}
