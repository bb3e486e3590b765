package io.bluegreen.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;

/**
 * An activity's inbound interceptor that keeps the context the SDK hands to {@code init}, for
 * {@code execute} to read the activity's type, attempt and workflow from.
 */
abstract class ActivityContextInterceptor extends ActivityInboundCallsInterceptorBase {
  protected ActivityExecutionContext context;

  ActivityContextInterceptor(ActivityInboundCallsInterceptor next) {
    super(next);
  }

  @Override
  public void init(ActivityExecutionContext context) {
    this.context = context;
    super.init(context);
  }
}
