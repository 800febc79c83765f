import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
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
      // Login keeps the default name: a named throttler suffixes its headers (`Retry-After-login`), which clients do
      // not read. Letter verification has its own budget; each route skips the other's throttler.
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { ttl: 60_000, limit: config.auth.throttleLoginPerMinute },
          { name: 'verify', ttl: 60_000, limit: config.auth.throttleVerifyPerMinute },
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
