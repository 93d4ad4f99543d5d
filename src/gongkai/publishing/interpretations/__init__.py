"""政策解读 and 解读专家: their actions, forms and views. The models stay in `publishing.models`.

`publishing.actions` re-exports the actions here, and these actions use its helpers; loading that
package first means whichever of the two is imported first, both end up complete.
"""

from gongkai.publishing import actions as _actions  # noqa: F401  see above
