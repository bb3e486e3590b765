package io.bluegreen.workflows;

import io.temporal.common.SearchAttributeKey;

/**
 * Custom search attributes of a deployment, so operators can find deployments by name and phase in
 * the Temporal UI and with {@code ./bluegreen list --phase P --deployment NAME}. The server must
 * have them registered (the local dev server does; production: {@code temporal operator
 * search-attribute create --name BlueGreenDeployment --type Keyword}, same for BlueGreenPhase).
 */
public final class SearchAttributes {
  /** The request's {@code deployment} label (or the workflow ID when it has none). */
  public static final SearchAttributeKey<String> DEPLOYMENT =
      SearchAttributeKey.forKeyword("BlueGreenDeployment");

  /** The current {@link io.bluegreen.workflows.model.Phase} name. */
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("BlueGreenPhase");

  private SearchAttributes() {}
}
