#!/usr/bin/Rscript
# Exports MatchIt's lalonde data (Dehejia and Wahba's 1999 NSW subsample of
# LaLonde 1986, with the PSID controls) to test/data/lalonde.csv and writes R's
# lm() fits used as references to test/data/lalonde_ols_reference.csv.
# Run from the project root: Rscript test/scripts/make_lalonde_reference.R
# (Debian: r-base-core, r-cran-matchit).
suppressPackageStartupMessages(library(MatchIt))
data(lalonde, package = "MatchIt")
d <- lalonde
d$id <- rownames(d)
write.csv(d[, c("id", setdiff(names(d), "id"))], "test/data/lalonde.csv", row.names = FALSE)

d$black <- as.integer(d$race == "black")
d$hispan <- as.integer(d$race == "hispan")
fits <- list(
  naive = lm(re78 ~ treat, data = d),
  adjusted = lm(re78 ~ treat + age + educ + black + hispan + married + nodegree + re74 + re75,
                data = d)
)
out <- do.call(rbind, lapply(names(fits), function(m) {
  s <- summary(fits[[m]])
  cf <- coef(s)
  data.frame(model = m, term = sub("\\(Intercept\\)", "intercept", rownames(cf)),
             estimate = cf[, 1], std_error = cf[, 2], t_value = cf[, 3], p_value = cf[, 4],
             r2 = s$r.squared, df_resid = s$df[2])
}))
write.csv(format(out, digits = 17), "test/data/lalonde_ols_reference.csv", row.names = FALSE,
          quote = FALSE)

# Logistic propensity model (the causal.propensity_model reference).  glm's default
# convergence (epsilon 1e-8) leaves its standard errors ~1e-5 off the converged values (they
# use the weights of the previous iterate), so the reference converges fully.
ps <- glm(treat ~ age + educ + black + hispan + married + nodegree + re74 + re75,
          family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
cf <- coef(summary(ps))
out <- data.frame(term = sub("\\(Intercept\\)", "intercept", rownames(cf)), estimate = cf[, 1],
                  std_error = cf[, 2], z_value = cf[, 3], p_value = cf[, 4])
write.csv(format(out, digits = 17), "test/data/lalonde_propensity_reference.csv", row.names = FALSE,
          quote = FALSE)
write.csv(data.frame(id = d$id, score = format(fitted(ps), digits = 17)),
          "test/data/lalonde_propensity_scores.csv", row.names = FALSE, quote = FALSE)

# Inverse probability weighting (the causal.weighting_effect reference): weights from the
# propensity scores above, the weighted difference in means by lm(weights = w) and its HC0
# sandwich standard error (sandwich::vcovHC, Debian r-cran-sandwich).
suppressPackageStartupMessages(library(sandwich))
e <- fitted(ps)
ipw <- do.call(rbind, lapply(c("ATE", "ATT", "ATC"), function(estimand) {
  w <- switch(estimand,
              ATE = ifelse(d$treat == 1, 1 / e, 1 / (1 - e)),
              ATT = ifelse(d$treat == 1, 1, e / (1 - e)),
              ATC = ifelse(d$treat == 1, (1 - e) / e, 1))
  fit <- lm(re78 ~ treat, data = d, weights = w)
  data.frame(estimand = estimand, estimate = coef(fit)[["treat"]],
             std_error = sqrt(vcovHC(fit, type = "HC0")["treat", "treat"]))
}))
write.csv(format(ipw, digits = 17), "test/data/lalonde_ipw_reference.csv", row.names = FALSE,
          quote = FALSE)

# AIPW for the ATE (the causal.aipw_effect reference): OLS outcome models per arm by lm(),
# the glm propensity scores above, the efficient influence function and its standard error.
f_out <- re78 ~ age + educ + black + hispan + married + nodegree + re74 + re75
m1 <- predict(lm(f_out, data = d[d$treat == 1, ]), newdata = d)
m0 <- predict(lm(f_out, data = d[d$treat == 0, ]), newdata = d)
psi <- m1 - m0 + d$treat * (d$re78 - m1) / e - (1 - d$treat) * (d$re78 - m0) / (1 - e)
# AIPW for the ATT: the doubly robust score with the control outcome model only,
# tau = sum[T (Y - m0) - (1 - T) e/(1 - e) (Y - m0)] / n1, influence function
# psi = [T (Y - m0) - (1 - T) e/(1 - e) (Y - m0) - T tau] / P(T = 1).
num <- d$treat * (d$re78 - m0) - (1 - d$treat) * e / (1 - e) * (d$re78 - m0)
att <- sum(num) / sum(d$treat)
psi_att <- (num - d$treat * att) / mean(d$treat)
write.csv(format(data.frame(estimand = c("ATE", "ATT"), estimate = c(mean(psi), att),
                            std_error = c(sd(psi) / sqrt(length(psi)), sd(psi_att) / sqrt(length(psi_att)))),
                 digits = 17),
          "test/data/lalonde_aipw_reference.csv", row.names = FALSE, quote = FALSE)

# Balance tables (the causal.balance reference): MatchIt's summary() statistics -- means,
# standardized mean differences (denominator: the treated group's standard deviation, p(1 - p)
# for binary covariates), variance ratios (not for binary covariates), eCDF mean and max --
# unweighted, and with the entropy-balancing ATT weights of test/data/ebal_weights_reference.csv
# as s.weights.  (Given s.weights, MatchIt 4.5.1 prints raw mean differences as "Std. Mean Diff."
# here; the test checks the weighted SMD as the weighted difference over the unweighted denominator.)
ew <- read.csv("test/data/ebal_weights_reference.csv")
ew <- ew[ew$estimand == "ATT" & ew$moments == 1, ]
d$ebal_w <- ew$weight[match(d$id, ew$id)]
f_bal <- treat ~ age + educ + black + hispan + married + nodegree + re74 + re75
bal <- function(weighting, s_weights) {
  m <- matchit(f_bal, data = d, method = NULL, distance = "glm", s.weights = s_weights)
  s <- summary(m, standardize = TRUE)$sum.all
  s <- s[rownames(s) != "distance", , drop = FALSE]
  data.frame(weighting = weighting, covariate = rownames(s), mean_treated = s[, "Means Treated"],
             mean_control = s[, "Means Control"], std_mean_diff = s[, "Std. Mean Diff."],
             var_ratio = s[, "Var. Ratio"], ecdf_mean = s[, "eCDF Mean"], ecdf_max = s[, "eCDF Max"])
}
b <- rbind(bal("none", NULL), bal("ebal", d$ebal_w))
b[] <- lapply(b, function(col) if (is.numeric(col)) sprintf("%.17g", col) else col)
write.csv(b, "test/data/lalonde_balance_reference.csv", row.names = FALSE, quote = FALSE)
