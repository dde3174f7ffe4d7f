"""The risk page: agreements and suppliers ranked by risk, with weights and judgements."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from uppfoljning.core.errors import DomainError

from . import risk, risk_services
from .risk_forms import RiskJudgementForm, RiskWeightsForm


class RiskView(PermissionRequiredMixin, TemplateView):
    raise_exception = True
    permission_required = "followups.view_riskweight"
    template_name = "followups/risk.html"

    def get_context_data(self, weights_form=None, judgement_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        on = timezone.localdate()
        ctx["on"] = on
        ctx["agreement_rows"] = risk.risk_ranking(on=on, kind=risk.AGREEMENT)
        ctx["supplier_rows"] = risk.risk_ranking(on=on, kind=risk.SUPPLIER)
        ctx["weights_form"] = weights_form or RiskWeightsForm(weights=risk.current_weights())
        ctx["judgement_form"] = judgement_form or RiskJudgementForm()
        return ctx

    def post(self, request, *args, **kwargs):
        user = request.user
        if "save_weights" in request.POST:
            if not user.has_perm("followups.change_riskweight"):
                raise PermissionDenied
            form = RiskWeightsForm(request.POST, weights=risk.current_weights())
            if form.is_valid():
                weights = {k: v for k, v in form.cleaned_data.items() if v is not None}
                risk_services.risk_weights_update(weights=weights, user=user)
                messages.success(request, _("The weights were saved; the ranking is updated."))
                return redirect("followups:risk")
            return self.render_to_response(self.get_context_data(weights_form=form))
        if not user.has_perm("followups.add_riskjudgement"):
            raise PermissionDenied
        form = RiskJudgementForm(request.POST)
        if form.is_valid():
            try:
                risk_services.risk_judgement_create(user=user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("The judgement was recorded."))
                return redirect("followups:risk")
        return self.render_to_response(self.get_context_data(judgement_form=form))
