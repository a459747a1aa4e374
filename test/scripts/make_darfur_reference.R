# Writes test/data/darfur.csv (sensemakr's `darfur` data: Hazlett 2019, as shipped in the
# sensemakr package's data/darfur.rda) and test/data/darfur_lm_reference.csv (R lm() of
# peacefactor on directlyharmed, the covariates and village fixed effects), the inputs of
# test/pgtap/47_sensitivity.sql, and test/data/darfur_sensemakr_reference.csv: sensemakr's own
# sensitivity statistics and bounds (benchmark female, kd = 1, 2, 3) for that model, computed by
# sourcing the package's R files (not installed; sensemakr is not in Debian).  The test also
# checks the numbers published in Cinelli and Hazlett (2020) and in sensemakr's
# tests/testthat/test-02-darfur.R, written into the test itself.
#
# Usage: Rscript test/scripts/make_darfur_reference.R SENSEMAKR_DIR
#   SENSEMAKR_DIR: a checkout of the public repository carloscinelli/sensemakr (commit 0744523
#   was used), for data/darfur.rda and R/*.R
args <- commandArgs(trailingOnly = TRUE)
load(file.path(args[1], "data", "darfur.rda"))
d <- darfur
cols <- c("peacefactor", "directlyharmed", "age", "farmer_dar", "herder_dar", "pastvoted",
          "hhsize_darfur", "female")
out <- data.frame(id = seq_len(nrow(d)), village = as.integer(d$village))
for (c in cols) out[[c]] <- as.numeric(d[[c]])
write.csv(out, "test/data/darfur.csv", row.names = FALSE)

fit <- lm(peacefactor ~ directlyharmed + age + farmer_dar + herder_dar + pastvoted +
            hhsize_darfur + female + village, data = d)
fd <- lm(directlyharmed ~ age + farmer_dar + herder_dar + pastvoted + hhsize_darfur + female +
           village, data = d)
s <- summary(fit)$coefficients
sd <- summary(fd)$coefficients
ref <- data.frame(
  model = c("outcome", "outcome", "treatment"),
  term = c("directlyharmed", "female", "female"),
  estimate = c(s["directlyharmed", 1], s["female", 1], sd["female", 1]),
  std_error = c(s["directlyharmed", 2], s["female", 2], sd["female", 2]),
  t_value = c(s["directlyharmed", 3], s["female", 3], sd["female", 3]),
  df_resid = c(fit$df.residual, fit$df.residual, fd$df.residual))
write.csv(format(ref, digits = 17), "test/data/darfur_lm_reference.csv", row.names = FALSE, quote = FALSE)

# sensemakr itself
for (f in list.files(file.path(args[1], "R"), pattern = "[.]R$", full.names = TRUE)) source(f)
o <- sensemakr(fit, treatment = "directlyharmed", benchmark_covariates = "female", kd = 1:3)
st <- o$sensitivity_stats
b <- o$bounds
rows <- rbind(
  data.frame(quantity = c("dof", "r2yd_x", "rv_q", "rv_qa"), kd = NA,
             value = c(st$dof, st$r2yd.x, st$rv_q, st$rv_qa)),
  do.call(rbind, lapply(seq_len(nrow(b)), function(i) data.frame(
    quantity = c("r2dz_x", "r2yz_dx", "adjusted_estimate", "adjusted_se", "adjusted_t",
                 "adjusted_lower", "adjusted_upper"),
    kd = i,
    value = c(b$r2dz.x[i], b$r2yz.dx[i], b$adjusted_estimate[i], b$adjusted_se[i], b$adjusted_t[i],
              b$adjusted_lower_CI[i], b$adjusted_upper_CI[i])))))
rows$value <- format(rows$value, digits = 17)
write.csv(rows, "test/data/darfur_sensemakr_reference.csv", row.names = FALSE, quote = FALSE, na = "")
